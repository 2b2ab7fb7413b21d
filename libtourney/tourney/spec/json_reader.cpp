#include "tourney/spec/json_reader.hpp"

#include <fmt/format.h>

namespace tourney::spec {

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) {
    return std::string(key);
  }
  return fmt::format("{}.{}", parent, key);
}

std::string json_type_name(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

std::string shown(std::string_view value) {
  constexpr std::size_t max_shown = 64;
  if (value.size() <= max_shown) {
    return std::string(value);
  }
  // Cut before a UTF-8 continuation byte, not inside a character.
  std::size_t cut = max_shown;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return fmt::format("{}... ({} bytes)", value.substr(0, cut), value.size());
}

expected<json_reader> json_reader::open(const nlohmann::json& j, std::string path) {
  if (!j.is_object()) {
    return fail(fmt::format("{}: expected an object, got {}", path.empty() ? "config" : path,
                            json_type_name(j)));
  }
  return json_reader(j, std::move(path));
}

std::string json_reader::field_path(std::string_view key) const {
  return join_path(path_, key);
}

bool json_reader::has(std::string_view key) const {
  return json_->contains(std::string(key));
}

const nlohmann::json* json_reader::raw(std::string_view key) {
  auto it = json_->find(std::string(key));
  if (it == json_->end()) {
    return nullptr;
  }
  consumed_.emplace(key);
  return &*it;
}

expected<std::optional<std::string>> json_reader::optional_string(std::string_view key) {
  const auto* v = raw(key);
  if (v == nullptr) {
    return std::optional<std::string>{};
  }
  if (!v->is_string()) {
    return fail(fmt::format("{}: expected a string, got {}", field_path(key), json_type_name(*v)));
  }
  return std::optional<std::string>{v->get<std::string>()};
}

expected<std::optional<std::string>> json_reader::optional_nonempty_string(std::string_view key) {
  auto v = optional_string(key);
  if (v && *v && (*v)->empty()) {
    return fail(field_path(key) + ": must not be empty");
  }
  return v;
}

expected<std::optional<std::int64_t>> json_reader::optional_int(std::string_view key) {
  const auto* v = raw(key);
  if (v == nullptr) {
    return std::optional<std::int64_t>{};
  }
  if (v->is_number_unsigned()) {
    auto u = v->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) {
      return fail(fmt::format("{}: {} is too large", field_path(key), u));
    }
    return std::optional<std::int64_t>{static_cast<std::int64_t>(u)};
  }
  if (!v->is_number_integer()) {
    return fail(
        fmt::format("{}: expected an integer, got {}", field_path(key), json_type_name(*v)));
  }
  return std::optional<std::int64_t>{v->get<std::int64_t>()};
}

expected<std::optional<double>> json_reader::optional_number(std::string_view key) {
  const auto* v = raw(key);
  if (v == nullptr) {
    return std::optional<double>{};
  }
  if (!v->is_number()) {
    return fail(fmt::format("{}: expected a number, got {}", field_path(key), json_type_name(*v)));
  }
  return std::optional<double>{v->get<double>()};
}

expected<std::optional<bool>> json_reader::optional_bool(std::string_view key) {
  const auto* v = raw(key);
  if (v == nullptr) {
    return std::optional<bool>{};
  }
  if (!v->is_boolean()) {
    return fail(
        fmt::format("{}: expected true or false, got {}", field_path(key), json_type_name(*v)));
  }
  return std::optional<bool>{v->get<bool>()};
}

expected<std::string> json_reader::required_string(std::string_view key) {
  auto v = optional_string(key);
  if (!v) {
    return tl::unexpected(v.error());
  }
  if (!*v) {
    return fail(fmt::format("{}: missing (a string is required)", field_path(key)));
  }
  return std::move(**v);
}

expected<void> json_reader::reject_unknown() const {
  for (const auto& item : json_->items()) {
    if (consumed_.find(item.key()) == consumed_.end()) {
      return fail(fmt::format("{}: unknown key", field_path(item.key())));
    }
  }
  return {};
}

}  // namespace tourney::spec
