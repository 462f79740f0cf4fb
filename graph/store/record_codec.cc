#include "graph/store/record_codec.h"

namespace parley::store {

namespace {

class Encoder {
 public:
  Encoder() { out_.push_back(static_cast<char>(kValueFormat)); }
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Id(NodeId id) { PutBe64(&out_, id.value()); }
  void Str(std::string_view s) {
    Varint(s.size());
    out_.append(s);
  }
  void OptStr(const std::optional<std::string>& s) {
    U8(s ? 1 : 0);
    if (s) Str(*s);
  }
  void Strs(const std::vector<std::string>& v) {
    Varint(v.size());
    for (const auto& s : v) Str(s);
  }
  void Ids(const std::vector<NodeId>& v) {
    Varint(v.size());
    for (NodeId id : v) Id(id);
  }
  void Counted(const std::vector<CountedString>& v) {
    Varint(v.size());
    for (const auto& c : v) {
      Str(c.value);
      Varint(c.count);
    }
  }
  void SpanField(const Span& s) {
    Varint(static_cast<uint64_t>(s.begin));
    Varint(static_cast<uint64_t>(s.end));
  }
  std::string Finish() { return std::move(out_); }

 private:
  std::string out_;
};

// Every getter returns false once the input is exhausted or malformed; callers chain
// them with && and check Done() at the end.
class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool Header() { return U8Raw() == kValueFormat && ok_; }
  bool U8(uint8_t* v) {
    *v = U8Raw();
    return ok_;
  }
  bool Varint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift <= 63; shift += 7) {
      uint8_t b = U8Raw();
      if (!ok_) return false;
      result |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        *v = result;
        return true;
      }
    }
    return ok_ = false;
  }
  bool U32(uint32_t* v) {
    uint64_t x;
    if (!Varint(&x) || x > UINT32_MAX) return ok_ = false;
    *v = static_cast<uint32_t>(x);
    return true;
  }
  bool Id(NodeId* id) {
    if (in_.size() < 8) return ok_ = false;
    *id = NodeId(GetBe64(in_.data()));
    in_.remove_prefix(8);
    return true;
  }
  bool Str(std::string* s) {
    uint64_t n;
    if (!Varint(&n) || n > in_.size()) return ok_ = false;
    s->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool OptStr(std::optional<std::string>* s) {
    uint8_t present;
    if (!U8(&present) || present > 1) return ok_ = false;
    if (present == 0) {
      s->reset();
      return true;
    }
    std::string v;
    if (!Str(&v)) return false;
    *s = std::move(v);
    return true;
  }
  // A report's optional last byte (PutReport): absent at the end of the value.
  bool ReportFlags(bool* negative, bool* hedged) {
    *negative = *hedged = false;
    if (in_.empty()) return ok_;
    uint8_t flags;
    if (!U8(&flags) || flags == 0 || flags > 3) return ok_ = false;
    *negative = flags & 1;
    *hedged = flags & 2;
    return true;
  }
  bool Count(uint64_t* n) {
    // Each item takes at least one byte: a larger count is corrupt, and refusing it
    // keeps a damaged record from reserving gigabytes.
    return Varint(n) && (*n <= in_.size() || (ok_ = false));
  }
  bool Strs(std::vector<std::string>* v) {
    uint64_t n;
    if (!Count(&n)) return false;
    v->assign(n, std::string());
    for (auto& s : *v) {
      if (!Str(&s)) return false;
    }
    return true;
  }
  bool Ids(std::vector<NodeId>* v) {
    uint64_t n;
    if (!Count(&n)) return false;
    v->assign(n, NodeId());
    for (auto& id : *v) {
      if (!Id(&id)) return false;
    }
    return true;
  }
  bool Counted(std::vector<CountedString>* v) {
    uint64_t n;
    if (!Count(&n)) return false;
    v->assign(n, CountedString());
    for (auto& c : *v) {
      if (!Str(&c.value) || !U32(&c.count)) return false;
    }
    return true;
  }
  bool SpanField(Span* s) {
    uint64_t b, e;
    if (!Varint(&b) || !Varint(&e)) return false;
    s->begin = static_cast<int64_t>(b);
    s->end = static_cast<int64_t>(e);
    return true;
  }
  bool Done() const { return ok_ && in_.empty(); }

 private:
  uint8_t U8Raw() {
    if (in_.empty()) {
      ok_ = false;
      return 0;
    }
    uint8_t b = static_cast<uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return b;
  }
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace

EntityRecord ToEntityRecord(NodeId id, const EntityValue& value) {
  EntityRecord r;
  r.id = id;
  r.type = std::string(NodeKindName(value.kind));
  r.name = value.name;
  for (const auto& a : value.aliases) r.aliases.push_back(a.value);
  for (const auto& role : value.roles) r.roles.push_back(role.value);
  r.country = value.country;
  r.gender = value.gender;
  r.article_count = value.article_count;
  r.statement_count = value.statement_count;
  return r;
}

std::string EncodeArticle(const ArticleRecord& r) {
  Encoder e;
  e.Id(r.id);
  e.Str(r.external_id);
  e.Str(r.title);
  e.OptStr(r.published);
  e.Strs(r.outlets);
  e.Strs(r.warnings);
  e.Str(r.content_hash);
  e.Str(r.extractor_version);
  e.Varint(r.statement_count);
  return e.Finish();
}

bool DecodeArticle(std::string_view in, ArticleRecord* r) {
  Decoder d(in);
  return d.Header() && d.Id(&r->id) && d.Str(&r->external_id) && d.Str(&r->title) &&
         d.OptStr(&r->published) && d.Strs(&r->outlets) && d.Strs(&r->warnings) &&
         d.Str(&r->content_hash) && d.Str(&r->extractor_version) && d.U32(&r->statement_count) &&
         d.Done();
}

namespace {

void PutReport(Encoder& e, const StatementReport& p) {
  e.Id(p.article_id);
  e.Str(p.article_external_id);
  e.Str(p.article_title);
  e.OptStr(p.published);
  e.Str(p.local_id);
  e.Str(p.text);
  e.Str(p.type);
  e.Str(p.cue);
  e.Str(p.speech_act);
  e.OptStr(p.date);
  e.SpanField(p.content);
  e.Id(p.reported_by);
  e.Ids(p.mentions);
  // Flags last and only when set (bit 0 negative, bit 1 hedged): a report written
  // before they existed decodes as positive and unhedged, and one without them has the
  // same bytes as then.
  const uint8_t flags = (p.negative ? 1 : 0) | (p.hedged ? 2 : 0);
  if (flags != 0) e.U8(flags);
}

bool GetReport(Decoder& d, StatementReport* p) {
  return d.Id(&p->article_id) && d.Str(&p->article_external_id) && d.Str(&p->article_title) &&
         d.OptStr(&p->published) && d.Str(&p->local_id) && d.Str(&p->text) && d.Str(&p->type) &&
         d.Str(&p->cue) && d.Str(&p->speech_act) && d.OptStr(&p->date) &&
         d.SpanField(&p->content) && d.Id(&p->reported_by) && d.Ids(&p->mentions) &&
         d.ReportFlags(&p->negative, &p->hedged);
}

}  // namespace

std::string EncodeStatementHead(const StatementHead& h) {
  Encoder e;
  const StatementRecord& r = h.record;
  e.Id(r.id);
  e.Id(r.speaker_id);
  e.Str(r.speaker_name);
  e.Id(r.same_words);
  e.Varint(h.report_count);
  e.Varint(h.mentions.size());
  for (const auto& [entity, count] : h.mentions) {
    e.Id(entity);
    e.Varint(count);
  }
  PutReport(e, r.reports.at(0));
  return e.Finish();
}

bool DecodeStatementHead(std::string_view in, StatementHead* h) {
  Decoder d(in);
  StatementRecord& r = h->record;
  uint64_t n = 0;
  if (!(d.Header() && d.Id(&r.id) && d.Id(&r.speaker_id) && d.Str(&r.speaker_name) &&
        d.Id(&r.same_words) && d.U32(&h->report_count) && h->report_count >= 1 && d.Count(&n))) {
    return false;
  }
  h->mentions.assign(n, {});
  for (auto& [entity, count] : h->mentions) {
    if (!(d.Id(&entity) && d.U32(&count))) return false;
  }
  r.reports.assign(1, StatementReport{});
  if (!GetReport(d, &r.reports[0]) || !d.Done()) return false;
  SetFirstReport(&r);
  return true;
}

bool DecodeStatement(std::string_view in, StatementRecord* r) {
  StatementHead h;
  if (!DecodeStatementHead(in, &h)) return false;
  *r = std::move(h.record);
  return true;
}

std::string EncodeReport(const StatementReport& p) {
  Encoder e;
  PutReport(e, p);
  return e.Finish();
}

bool DecodeReport(std::string_view in, StatementReport* p) {
  Decoder d(in);
  return d.Header() && GetReport(d, p) && d.Done();
}

void SetFirstReport(StatementRecord* r) {
  if (r->reports.empty()) return;
  const StatementReport& p = r->reports[0];
  r->local_id = p.local_id;
  r->text = p.text;
  r->type = p.type;
  r->cue = p.cue;
  r->speech_act = p.speech_act;
  r->negative = p.negative;
  r->hedged = p.hedged;
  r->date = p.date;
  r->article_id = p.article_id;
  r->article_external_id = p.article_external_id;
  r->article_title = p.article_title;
  r->published = p.published;
  r->content = p.content;
  r->reported_by = p.reported_by;
}

std::string EncodeEntity(const EntityValue& v) {
  Encoder e;
  e.U8(static_cast<uint8_t>(v.kind));
  e.Str(v.name);
  e.Str(v.country);
  e.Counted(v.aliases);
  e.Counted(v.roles);
  e.Varint(v.article_count);
  e.Varint(v.statement_count);
  if (v.gender == "male") e.U8(1);
  if (v.gender == "female") e.U8(2);
  return e.Finish();
}

bool DecodeEntity(std::string_view in, EntityValue* v) {
  Decoder d(in);
  uint8_t kind = 0;
  if (!(d.Header() && d.U8(&kind) && d.Str(&v->name) && d.Str(&v->country) &&
        d.Counted(&v->aliases) && d.Counted(&v->roles) && d.U32(&v->article_count) &&
        d.U32(&v->statement_count))) {
    return false;
  }
  v->gender.clear();
  if (!d.Done()) {
    uint8_t gender = 0;
    if (!d.U8(&gender) || (gender != 1 && gender != 2) || !d.Done()) return false;
    v->gender = gender == 1 ? "male" : "female";
  }
  v->kind = static_cast<NodeKind>(kind);
  return kind == static_cast<uint8_t>(NodeKind::kPerson) ||
         kind == static_cast<uint8_t>(NodeKind::kCountry) ||
         kind == static_cast<uint8_t>(NodeKind::kOrganization);
}

std::string EncodeEvent(const EventValue& v) {
  Encoder e;
  e.Id(v.article);
  e.Str(v.local_id);
  e.Str(v.type);
  e.Str(v.name);
  e.OptStr(v.date);
  e.Ids(v.participants);
  return e.Finish();
}

bool DecodeEvent(std::string_view in, EventValue* v) {
  Decoder d(in);
  return d.Header() && d.Id(&v->article) && d.Str(&v->local_id) && d.Str(&v->type) &&
         d.Str(&v->name) && d.OptStr(&v->date) && d.Ids(&v->participants) && d.Done();
}

std::string EncodeLedger(const LedgerValue& v) {
  Encoder e;
  e.Str(v.content_hash);
  e.Str(v.extractor_version);
  e.Id(v.article);
  e.Ids(v.statements);
  e.Ids(v.events);
  e.Varint(v.edges.size());
  for (const auto& edge : v.edges) {
    e.Id(edge.src);
    e.U8(static_cast<uint8_t>(edge.kind));
    e.Id(edge.dst);
  }
  e.Strs(v.index_keys);
  e.Varint(v.entities.size());
  for (const auto& c : v.entities) {
    e.Id(c.entity);
    e.Varint(c.statements);
    e.Strs(c.aliases);
    e.Strs(c.roles);
  }
  return e.Finish();
}

bool DecodeLedger(std::string_view in, LedgerValue* v) {
  Decoder d(in);
  uint64_t n = 0;
  if (!(d.Header() && d.Str(&v->content_hash) && d.Str(&v->extractor_version) &&
        d.Id(&v->article) && d.Ids(&v->statements) && d.Ids(&v->events) && d.Count(&n))) {
    return false;
  }
  v->edges.assign(n, EdgeKey{});
  for (auto& edge : v->edges) {
    uint8_t kind = 0;
    if (!(d.Id(&edge.src) && d.U8(&kind) && d.Id(&edge.dst))) return false;
    edge.kind = static_cast<EdgeKind>(kind);
  }
  if (!(d.Strs(&v->index_keys) && d.Count(&n))) return false;
  v->entities.assign(n, EntityContribution{});
  for (auto& c : v->entities) {
    if (!(d.Id(&c.entity) && d.U32(&c.statements) && d.Strs(&c.aliases) && d.Strs(&c.roles))) {
      return false;
    }
  }
  return d.Done();
}

std::string EncodeCounters(const Counters& c) {
  std::string out;
  for (int64_t v : {c.articles, c.statements, c.entities, c.events, c.edges}) {
    PutBe64(&out, static_cast<uint64_t>(v));
  }
  for (int k = 1; k <= kMaxEdgeKind; ++k) PutBe64(&out, static_cast<uint64_t>(c.edges_by_kind[k]));
  return out;
}

bool DecodeCounters(std::string_view in, Counters* c) {
  // Kinds are appended: a value written before the last ones existed has fewer (0).
  constexpr size_t kBase = 40, kFull = kBase + 8 * kMaxEdgeKind, kThirteen = kBase + 8 * 13;
  if (in.size() != kBase && in.size() != kFull && in.size() != kThirteen) return false;
  int64_t* fields[] = {&c->articles, &c->statements, &c->entities, &c->events, &c->edges};
  for (int i = 0; i < 5; ++i) *fields[i] = static_cast<int64_t>(GetBe64(in.data() + 8 * i));
  c->edges_by_kind.fill(0);
  c->has_edges_by_kind = in.size() != kBase;
  if (c->has_edges_by_kind) {
    for (int k = 1; k <= static_cast<int>((in.size() - kBase) / 8); ++k) {
      c->edges_by_kind[k] = static_cast<int64_t>(GetBe64(in.data() + kBase + 8 * (k - 1)));
    }
  }
  return true;
}

std::string EncodeRefcount(uint64_t count) {
  std::string out;
  while (count >= 0x80) {
    out.push_back(static_cast<char>((count & 0x7f) | 0x80));
    count >>= 7;
  }
  out.push_back(static_cast<char>(count));
  return out;
}

bool DecodeRefcount(std::string_view in, uint64_t* count) {
  uint64_t result = 0;
  for (size_t i = 0; i < in.size() && i < 10; ++i) {
    uint8_t b = static_cast<uint8_t>(in[i]);
    result |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) {
      *count = result;
      return i + 1 == in.size();
    }
  }
  return false;
}

}  // namespace parley::store
