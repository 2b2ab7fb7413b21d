#include "tourney/schedule/openings.hpp"

#include <fmt/format.h>

#include "tourney/shogi/notation.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/util/bounded_read.hpp"

namespace tourney::schedule {

namespace {

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
      ++i;
    }
    const auto start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
      ++i;
    }
    if (i > start) {
      words.push_back(text.substr(start, i - start));
    }
  }
  return words;
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (auto i = from; i < to; ++i) {
    if (!out.empty()) {
      out += ' ';
    }
    out += words[i];
  }
  return out;
}

// The line without its comment and surrounding blanks (and a trailing CR).
std::string_view content_of(std::string_view line) {
  const auto hash = line.find('#');
  if (hash != std::string_view::npos) {
    line = line.substr(0, hash);
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    line.remove_prefix(1);
  }
  return line;
}

}  // namespace

std::string opening::usi_position() const {
  std::string out = from_startpos ? std::string("startpos") : "sfen " + start_sfen;
  if (!usi_moves.empty()) {
    out += " moves";
    for (const auto& m : usi_moves) {
      out += ' ';
      out += m;
    }
  }
  return out;
}

expected<shogi::position> opening::final_position() const {
  return shogi::position::from_sfen(sfen);
}

opening start_position_opening() {
  opening o;
  o.from_startpos = true;
  o.start_sfen = shogi::position::startpos().to_sfen();
  o.sfen = o.start_sfen;
  return o;
}

expected<opening> parse_opening_line(std::string_view line, int ply_cut) {
  const auto words = split_words(line);
  std::size_t i = 0;
  if (i < words.size() && words[i] == "position") {
    ++i;
  }
  if (i == words.size()) {
    return fail("no position");
  }
  opening o;
  shogi::position pos = shogi::position::startpos();
  std::size_t moves_at = words.size();
  for (auto k = i; k < words.size(); ++k) {
    if (words[k] == "moves") {
      moves_at = k;
      break;
    }
  }
  if (words[i] == "startpos") {
    if (moves_at != i + 1) {
      return fail(fmt::format("unexpected \"{}\" after startpos", words[i + 1]));
    }
    o.from_startpos = true;
  } else {
    const auto from = words[i] == "sfen" ? i + 1 : i;
    const auto fields = moves_at - from;
    if (fields < 3 || fields > 4) {
      return fail(fmt::format(
          "an SFEN has 3 or 4 fields (board, side, hands, move number), this has {}", fields));
    }
    auto parsed = shogi::position::from_sfen(join(words, from, moves_at));
    if (!parsed) {
      return tl::unexpected(parsed.error());
    }
    pos = *parsed;
    o.from_startpos = false;
  }
  o.start_sfen = pos.to_sfen();
  if (moves_at < words.size() && moves_at + 1 == words.size()) {
    return fail("\"moves\" without moves");
  }
  for (auto k = moves_at + 1; k < words.size(); ++k) {
    const auto ply = k - moves_at;
    auto m = shogi::parse_legal_usi_move(pos, words[k]);
    if (!m) {
      return fail(fmt::format("move {} ({}): {}", ply, words[k], m.error().message));
    }
    pos.play(*m);
    if (ply_cut <= 0 || ply <= static_cast<std::size_t>(ply_cut)) {
      o.moves.push_back(*m);
      o.usi_moves.push_back(std::string(words[k]));
      o.sfen = pos.to_sfen();
    }
    if (!pos.has_legal_move()) {
      return fail(fmt::format("no legal move after move {} ({})", ply, words[k]));
    }
  }
  if (o.moves.empty()) {
    o.sfen = o.start_sfen;
    if (!pos.has_legal_move()) {
      return fail("the side to move has no legal move");
    }
  }
  return o;
}

namespace {

/// Collects a book line by line, the same for a text in memory and a file
/// read in chunks; counts positions against the limit.
class book_builder {
 public:
  book_builder(std::string_view source, int ply_cut) : source_(source), ply_cut_(ply_cut) {}

  expected<void> add(std::string_view line, int line_number) {
    const auto content = content_of(line);
    if (content.empty()) {
      return {};
    }
    if (out_.size() >= spec::limits::openings_positions) {
      return fail(fmt::format("{}:{}: more than the limit of {} positions for an openings file",
                              source_, line_number, spec::limits::openings_positions));
    }
    auto o = parse_opening_line(content, ply_cut_);
    if (!o) {
      return fail(fmt::format("{}:{}: {}", source_, line_number, o.error().message));
    }
    o->line = line_number;
    out_.push_back(std::move(*o));
    return {};
  }

  expected<std::vector<opening>> finish() {
    if (out_.empty()) {
      return fail(fmt::format("{}: no opening positions (only blank or comment lines)", source_));
    }
    return std::move(out_);
  }

 private:
  std::string_view source_;
  int ply_cut_;
  std::vector<opening> out_;
};

}  // namespace

expected<std::vector<opening>> parse_openings(std::string_view text, std::string_view source,
                                              int ply_cut) {
  book_builder book(source, ply_cut);
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    ++line_number;
    TOURNEY_TRY(book.add(text.substr(start, end - start), line_number));
    if (end == text.size()) {
      break;
    }
    start = end + 1;
  }
  return book.finish();
}

expected<std::vector<opening>> load_openings(const spec::openings_spec& spec) {
  if (spec.ply_cut < 0) {
    return fail(
        fmt::format("openings: ply_cut is {}; it must be 0 (no cut) or more", spec.ply_cut));
  }
  if (spec.file.empty()) {
    return std::vector<opening>{start_position_opening()};
  }
  // Read in chunks and parsed as it comes: a huge or endless file
  // (/dev/zero) stops at a limit instead of being read whole first.
  book_builder book(spec.file, spec.ply_cut);
  const line_limits limits{spec::limits::openings_file_bytes, spec::limits::openings_line_bytes};
  TOURNEY_TRY(read_lines_limited(
      spec.file, limits, "an openings file",
      [&](std::string_view line, int number) { return book.add(line, number); }));
  return book.finish();
}

}  // namespace tourney::schedule
