#include "tourney/util/json_file.hpp"

#include <fmt/format.h>

#include <iterator>
#include <map>
#include <optional>
#include <vector>

#include "tourney/util/bounded_read.hpp"

namespace tourney {

namespace {

// Nesting of arrays and objects: a config needs 5 levels; without a bound a
// 16 MiB file of '[' would build millions of nested arrays.
constexpr std::size_t max_depth = 64;

/// 1-based line and column of a 0-based byte offset.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

/// A char iterator that records how far nlohmann's lexer has read: SAX events
/// carry no position, and a key event comes right after the lexer has read
/// the key's closing quote (it reads no further ahead), so the position names
/// the key's line.
class tracking_iterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  tracking_iterator(const char* at, const char** furthest) : at_(at), furthest_(furthest) {}
  reference operator*() const {
    return *at_;
  }
  tracking_iterator& operator++() {
    ++at_;
    *furthest_ = at_;
    return *this;
  }
  tracking_iterator operator++(int) {
    auto before = *this;
    ++*this;
    return before;
  }
  bool operator==(const tracking_iterator& other) const {
    return at_ == other.at_;
  }
  bool operator!=(const tracking_iterator& other) const {
    return at_ != other.at_;
  }

 private:
  const char* at_;
  const char** furthest_;
};

/// Builds the document like nlohmann's own DOM parser, and keeps per open
/// object its keys (with where each was read) and per open array its next
/// index, so a repeated key is reported with its field path.
class checking_builder {
 public:
  using json = nlohmann::json;

  checking_builder(std::string_view text, std::string_view origin, const char** furthest)
      : text_(text), origin_(origin), furthest_(furthest) {}

  bool null() {
    return add(json(nullptr));
  }
  bool boolean(bool v) {
    return add(json(v));
  }
  bool number_integer(json::number_integer_t v) {
    return add(json(v));
  }
  bool number_unsigned(json::number_unsigned_t v) {
    return add(json(v));
  }
  bool number_float(json::number_float_t v, const json::string_t& /*text*/) {
    return add(json(v));
  }
  bool string(json::string_t& v) {
    return add(json(std::move(v)));
  }
  bool binary(json::binary_t& v) {
    return add(json::binary(std::move(v)));
  }
  bool start_object(std::size_t /*unknown*/) {
    return open(json::object());
  }
  bool start_array(std::size_t /*unknown*/) {
    return open(json::array());
  }
  bool end_object() {
    frames_.pop_back();
    return true;
  }
  bool end_array() {
    frames_.pop_back();
    return true;
  }
  bool key(json::string_t& k) {
    auto& top = frames_.back();
    const std::size_t at = offset();
    auto [it, inserted] = top.keys.emplace(k, at);
    if (!inserted) {
      const auto path = path_to(frames_.size() - 1) + (frames_.size() > 1 ? "." : "") + k;
      error_ =
          fmt::format("{}:{}: {}: duplicate key (first on line {})", origin_,
                      line_column(text_, at).first, path, line_column(text_, it->second).first);
      return false;
    }
    top.key = std::move(k);
    return true;
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*token*/, const Exception& e) {
    // position counts the characters read, the last being the bad one.
    auto [line, column] = line_column(text_, position > 0 ? position - 1 : 0);
    // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string what = e.what();
    auto colon = what.find(": ");
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    error_ = fmt::format("{}:{}:{}: JSON syntax error: {}", origin_, line, column, reason);
    return false;
  }

  json& root() {
    return root_;
  }
  const std::optional<std::string>& error() const {
    return error_;
  }

 private:
  struct frame {
    json* value;
    std::map<std::string, std::size_t, std::less<>> keys;  // objects: key -> byte offset
    std::string key;                                       // objects: the key being read
    std::size_t next_index = 0;                            // arrays
  };

  std::size_t offset() const {
    return static_cast<std::size_t>(*furthest_ - text_.data());
  }

  // The field path of the value being read in frames_[depth] ("players[1].usi").
  std::string path_to(std::size_t depth) const {
    std::string path;
    for (std::size_t i = 1; i <= depth; ++i) {
      const auto& parent = frames_[i - 1];
      if (parent.value->is_array()) {
        path += fmt::format("[{}]", parent.next_index - 1);
      } else {
        path += (path.empty() ? "" : ".") + parent.key;
      }
    }
    return path;
  }

  json* place(json&& v) {
    if (frames_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    auto& top = frames_.back();
    if (top.value->is_array()) {
      ++top.next_index;
      top.value->push_back(std::move(v));
      return &top.value->back();
    }
    auto& slot = (*top.value)[top.key];
    slot = std::move(v);
    return &slot;
  }
  bool add(json&& v) {
    place(std::move(v));
    return true;
  }
  bool open(json&& v) {
    if (frames_.size() >= max_depth) {
      error_ = fmt::format("{}:{}: nested deeper than the limit of {} levels", origin_,
                           line_column(text_, offset()).first, max_depth);
      return false;
    }
    frames_.push_back(frame{place(std::move(v)), {}, {}, 0});
    return true;
  }

  std::string_view text_;
  std::string_view origin_;
  const char** furthest_;
  json root_;
  std::vector<frame> frames_;
  std::optional<std::string> error_;
};

}  // namespace

expected<nlohmann::json> parse_json_text(std::string_view text, std::string_view origin) {
  const char* furthest = text.data();
  checking_builder builder(text, origin, &furthest);
  try {
    const bool ok =
        nlohmann::json::sax_parse(tracking_iterator(text.data(), &furthest),
                                  tracking_iterator(text.data() + text.size(), &furthest), &builder,
                                  nlohmann::json::input_format_t::json, true,
                                  /*ignore_comments=*/true);
    if (!ok) {
      return fail(builder.error().value_or(fmt::format("{}: cannot parse JSON", origin)));
    }
  } catch (const std::exception& e) {
    return fail(fmt::format("{}: cannot parse JSON: {}", origin, e.what()));
  }
  return std::move(builder.root());
}

expected<nlohmann::json> read_json_file(const std::string& path, std::size_t max_bytes,
                                        std::string_view what) {
  auto text = read_file_limited(path, max_bytes, what);
  if (!text) {
    return tl::unexpected(text.error());
  }
  return parse_json_text(*text, path);
}

}  // namespace tourney
