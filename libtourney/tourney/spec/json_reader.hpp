#pragma once
// Reads one JSON object field by field, remembering which keys it consumed,
// so that unknown keys, wrong types and missing fields are reported with the
// field path ("players[2].usi.options.Hash: expected a string").
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tourney/util/expected.hpp"

namespace tourney::spec {

class json_reader {
 public:
  /// Fails unless j is an object.
  static expected<json_reader> open(const nlohmann::json& j, std::string path);

  const std::string& path() const {
    return path_;
  }
  std::string field_path(std::string_view key) const;

  bool has(std::string_view key) const;
  /// The raw value (marks the key consumed), or nullptr when absent.
  const nlohmann::json* raw(std::string_view key);

  expected<std::optional<std::string>> optional_string(std::string_view key);
  /// As optional_string, but an empty string is an error.
  expected<std::optional<std::string>> optional_nonempty_string(std::string_view key);
  expected<std::optional<std::int64_t>> optional_int(std::string_view key);
  expected<std::optional<double>> optional_number(std::string_view key);
  expected<std::optional<bool>> optional_bool(std::string_view key);
  expected<std::string> required_string(std::string_view key);

  /// Fails naming the first key that no call consumed.
  expected<void> reject_unknown() const;

 private:
  json_reader(const nlohmann::json& j, std::string path) : json_(&j), path_(std::move(path)) {}
  const nlohmann::json* json_;
  std::string path_;
  std::set<std::string, std::less<>> consumed_;
};

/// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string join_path(std::string_view parent, std::string_view key);

/// The JSON type name used in messages ("a string", "a number", ...).
std::string json_type_name(const nlohmann::json& j);

/// A string value as quoted in an error: itself up to 64 bytes, else its
/// start and its length ("xxxx... (1048576 bytes)"), so a wrong value of
/// megabytes gives a message of one line.
std::string shown(std::string_view value);

}  // namespace tourney::spec
