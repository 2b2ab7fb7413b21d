#include "tourney/record/json.hpp"

#include <cstdio>
#include <ctime>

#include "tourney/shogi/notation.hpp"

namespace tourney::record {

using nlohmann::json;

std::string format_utc(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
  std::time_t secs = static_cast<std::time_t>(ms.count() / 1000);
  long millis = static_cast<long>(ms.count() % 1000);
  if (millis < 0) {
    millis += 1000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

expected<std::chrono::system_clock::time_point> parse_utc(std::string_view text) {
  const std::string s(text);
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6 ||
      month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return fail("bad UTC time '" + s + "' (expected YYYY-MM-DDTHH:MM:SS[.mmm]Z)");
  }
  std::size_t i = static_cast<std::size_t>(consumed);
  long millis = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 3) {
        millis = millis * 10 + (s[i] - '0');
      }
      ++digits;
      ++i;
    }
    if (digits == 0) {
      return fail("bad UTC time '" + s + "': no digits after '.'");
    }
    for (; digits < 3; ++digits) {
      millis *= 10;
    }
  }
  if (i + 1 != s.size() || s[i] != 'Z') {
    return fail("bad UTC time '" + s + "': expected 'Z' at the end");
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t secs = timegm(&tm);
  return std::chrono::system_clock::time_point(std::chrono::seconds(secs) +
                                               std::chrono::milliseconds(millis));
}

json to_json(const game_record& rec) {
  json j;
  j["game_id"] = rec.game_id;
  if (rec.index) {
    j["index"] = *rec.index;
  }
  if (rec.round) {
    j["round"] = *rec.round;
  }
  j["black"] = rec.black;
  j["white"] = rec.white;
  j["result"] = std::string(game::to_string(rec.result));
  j["reason"] = std::string(game::to_string(rec.reason));
  j["detail"] = rec.detail;
  j["plies"] = rec.plies();
  j["start_sfen"] = rec.start_sfen;
  json moves = json::array();
  json times = json::array();
  json info = json::array();
  int book = 0;
  bool any_info = false;
  for (const auto& entry : rec.moves) {
    moves.push_back(shogi::to_usi(entry.move));
    times.push_back(entry.elapsed.count());
    if (entry.book) {
      ++book;
    }
    json item = json::object();
    if (entry.score_cp) {
      item["score_cp"] = *entry.score_cp;
    }
    if (entry.mate_in) {
      item["mate_in"] = *entry.mate_in;
    }
    if (entry.depth) {
      item["depth"] = *entry.depth;
    }
    if (entry.nodes) {
      item["nodes"] = *entry.nodes;
    }
    if (!entry.pv.empty()) {
      item["pv"] = entry.pv;
    }
    if (item.empty()) {
      info.push_back(nullptr);
    } else {
      any_info = true;
      info.push_back(std::move(item));
    }
  }
  j["moves"] = std::move(moves);
  j["move_ms"] = std::move(times);
  j["book_plies"] = book;
  j["duration_s"] = rec.duration_s();
  j["start_time"] = format_utc(rec.start_time);
  j["end_time"] = format_utc(rec.end_time);
  if (any_info) {
    j["info"] = std::move(info);
  }
  return j;
}

std::string to_json_line(const game_record& rec) {
  return to_json(rec).dump();
}

namespace {

expected<std::string> get_string(const json& j, const char* key, bool required) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) {
      return fail(std::string("missing key '") + key + "'");
    }
    return std::string();
  }
  if (!it->is_string()) {
    return fail(std::string("key '") + key + "' must be a string");
  }
  return it->get<std::string>();
}

template <class T>
expected<std::optional<T>> get_optional_int(const json& j, const char* key, const std::string& at) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    return std::optional<T>();
  }
  if (!it->is_number_integer()) {
    return fail(at + "." + key + " must be an integer");
  }
  return std::optional<T>(it->get<T>());
}

}  // namespace

expected<game_record> from_json(const json& j) {
  if (!j.is_object()) {
    return fail("a game record must be a JSON object");
  }
  game_record rec;
  auto id = j.find("game_id");
  if (id == j.end()) {
    return fail("missing key 'game_id'");
  }
  if (id->is_string()) {
    rec.game_id = id->get<std::string>();
  } else if (id->is_number_integer()) {
    rec.game_id = std::to_string(id->get<long long>());
  } else {
    return fail("key 'game_id' must be a string or an integer");
  }
  if (auto index = j.find("index"); index != j.end()) {
    if (!index->is_number_unsigned()) {
      return fail("key 'index' must be a non-negative integer");
    }
    rec.index = index->get<std::uint64_t>();
  }
  if (auto round = j.find("round"); round != j.end()) {
    if (!round->is_number_integer()) {
      return fail("key 'round' must be an integer");
    }
    rec.round = round->get<int>();
  }
  auto black = get_string(j, "black", true);
  auto white = get_string(j, "white", true);
  auto result = get_string(j, "result", true);
  auto reason = get_string(j, "reason", true);
  auto detail = get_string(j, "detail", false);
  auto sfen = get_string(j, "start_sfen", true);
  for (const auto* e : {&black, &white, &result, &reason, &detail, &sfen}) {
    if (!*e) {
      return fail(e->error().message);
    }
  }
  rec.black = *black;
  rec.white = *white;
  rec.detail = *detail;
  rec.start_sfen = *sfen;
  auto r = game::result_from_string(*result);
  if (!r) {
    return fail("key 'result': " + r.error().message);
  }
  rec.result = *r;
  auto why = game::reason_from_string(*reason);
  if (!why) {
    return fail("key 'reason': " + why.error().message);
  }
  rec.reason = *why;

  auto moves = j.find("moves");
  if (moves == j.end() || !moves->is_array()) {
    return fail("key 'moves' must be an array of USI moves");
  }
  rec.moves.reserve(moves->size());
  for (std::size_t i = 0; i < moves->size(); ++i) {
    const json& m = (*moves)[i];
    if (!m.is_string()) {
      return fail("moves[" + std::to_string(i) + "] must be a string");
    }
    auto parsed = shogi::parse_usi_move(m.get<std::string>());
    if (!parsed) {
      return fail("moves[" + std::to_string(i) + "]: " + parsed.error().message);
    }
    move_entry entry;
    entry.move = *parsed;
    rec.moves.push_back(std::move(entry));
  }
  auto plies = j.find("plies");
  if (plies == j.end() || !plies->is_number_integer()) {
    return fail("key 'plies' must be an integer");
  }
  if (plies->get<long long>() != static_cast<long long>(rec.moves.size())) {
    return fail("key 'plies' is " + std::to_string(plies->get<long long>()) + " but 'moves' has " +
                std::to_string(rec.moves.size()) + " moves");
  }
  if (auto times = j.find("move_ms"); times != j.end()) {
    if (!times->is_array() || times->size() != rec.moves.size()) {
      return fail("key 'move_ms' must be an array with one integer per move");
    }
    for (std::size_t i = 0; i < times->size(); ++i) {
      if (!(*times)[i].is_number_integer()) {
        return fail("move_ms[" + std::to_string(i) + "] must be an integer");
      }
      rec.moves[i].elapsed = std::chrono::milliseconds((*times)[i].get<long long>());
    }
  }
  if (auto book = j.find("book_plies"); book != j.end()) {
    if (!book->is_number_integer() || book->get<long long>() < 0 ||
        book->get<long long>() > static_cast<long long>(rec.moves.size())) {
      return fail("key 'book_plies' must be an integer between 0 and the number of moves");
    }
    for (long long i = 0; i < book->get<long long>(); ++i) {
      rec.moves[static_cast<std::size_t>(i)].book = true;
    }
  }
  if (auto info = j.find("info"); info != j.end()) {
    if (!info->is_array() || info->size() != rec.moves.size()) {
      return fail("key 'info' must be an array with one entry per move");
    }
    for (std::size_t i = 0; i < info->size(); ++i) {
      const json& item = (*info)[i];
      const std::string at = "info[" + std::to_string(i) + "]";
      if (item.is_null()) {
        continue;
      }
      if (!item.is_object()) {
        return fail(at + " must be an object or null");
      }
      auto& entry = rec.moves[i];
      auto score = get_optional_int<int>(item, "score_cp", at);
      auto mate = get_optional_int<int>(item, "mate_in", at);
      auto depth = get_optional_int<int>(item, "depth", at);
      auto nodes = get_optional_int<std::uint64_t>(item, "nodes", at);
      if (!score || !mate || !depth || !nodes) {
        return fail(!score   ? score.error().message
                    : !mate  ? mate.error().message
                    : !depth ? depth.error().message
                             : nodes.error().message);
      }
      entry.score_cp = *score;
      entry.mate_in = *mate;
      entry.depth = *depth;
      entry.nodes = *nodes;
      if (auto pv = item.find("pv"); pv != item.end()) {
        if (!pv->is_array()) {
          return fail(at + ".pv must be an array of strings");
        }
        for (const auto& p : *pv) {
          if (!p.is_string()) {
            return fail(at + ".pv must be an array of strings");
          }
          entry.pv.push_back(p.get<std::string>());
        }
      }
    }
  }
  if (auto start = j.find("start_time"); start != j.end()) {
    if (!start->is_string()) {
      return fail("key 'start_time' must be a string");
    }
    auto t = parse_utc(start->get<std::string>());
    if (!t) {
      return fail("key 'start_time': " + t.error().message);
    }
    rec.start_time = *t;
  }
  if (auto end = j.find("end_time"); end != j.end()) {
    if (!end->is_string()) {
      return fail("key 'end_time' must be a string");
    }
    auto t = parse_utc(end->get<std::string>());
    if (!t) {
      return fail("key 'end_time': " + t.error().message);
    }
    rec.end_time = *t;
  } else if (auto d = j.find("duration_s"); d != j.end() && d->is_number()) {
    // Only a duration: keep it as an interval from the start (or the epoch).
    rec.end_time = rec.start_time + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                        std::chrono::duration<double>(d->get<double>()));
  }
  return rec;
}

expected<game_record> parse_json_line(std::string_view line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded()) {
    return fail("games.jsonl: not valid JSON");
  }
  auto rec = from_json(j);
  if (!rec) {
    return fail("games.jsonl: " + rec.error().message);
  }
  return rec;
}

}  // namespace tourney::record
