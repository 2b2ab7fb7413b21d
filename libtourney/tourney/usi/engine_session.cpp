#include "tourney/usi/engine_session.hpp"

#include <algorithm>

#include <fmt/core.h>

#include <csignal>

namespace tourney::usi {

namespace {

constexpr std::size_t max_kept_line_length = 200;

std::string_view phase_name(engine_session::phase phase) {
  switch (phase) {
    case engine_session::phase::created:
      return "created";
    case engine_session::phase::awaiting_usiok:
      return "awaiting usiok";
    case engine_session::phase::awaiting_readyok:
      return "awaiting readyok";
    case engine_session::phase::idle:
      return "idle";
    case engine_session::phase::awaiting_newgame_readyok:
      return "awaiting readyok after usinewgame";
    case engine_session::phase::thinking:
      return "thinking";
    case engine_session::phase::stopping:
      return "stopping a search";
    case engine_session::phase::shutting_down:
      return "shutting down";
    case engine_session::phase::exited:
      return "exited";
  }
  return "?";
}

}  // namespace

std::string_view to_string(fault_kind kind) {
  switch (kind) {
    case fault_kind::startup_failed:
      return "startup_failed";
    case fault_kind::disconnect:
      return "disconnect";
    case fault_kind::illegal_move:
      return "illegal_move";
    case fault_kind::timeout:
      return "timeout";
  }
  return "?";
}

session_config make_session_config(std::string name, const spec::usi_engine_spec& engine,
                                   std::string log_path) {
  session_config config;
  config.name = std::move(name);
  config.command = engine.command;
  config.log_path = std::move(log_path);
  config.options.assign(engine.options.begin(), engine.options.end());
  config.profile = engine.profile;
  return config;
}

engine_session::engine_session(session_config config) : config_(std::move(config)) {}

std::string engine_session::who() const {
  return fmt::format("engine '{}' ({})", config_.name, config_.command);
}

std::string engine_session::quoted_last_lines() const {
  std::string text;
  if (last_lines_.empty()) {
    text = "; it printed nothing on stdout";
  } else {
    text = "; its last lines:";
    for (const auto& line : last_lines_) {
      text += fmt::format(" \"{}\"", line);
    }
  }
  if (!config_.log_path.empty()) {
    text += fmt::format("; stderr in {}", config_.log_path);
  }
  return text;
}

expected<void> engine_session::require(phase expected_phase, std::string_view call) const {
  if (phase_ != expected_phase) {
    return fail(fmt::format("{}: {} called while {} (needs {})", who(), call, phase_name(phase_),
                            phase_name(expected_phase)));
  }
  return {};
}

void engine_session::arm(session_actions& out, std::chrono::milliseconds after) {
  auto id = next_timer_++;
  live_timer_ = id;
  out.emplace_back(arm_timer{id, after});
}

void engine_session::disarm() {
  live_timer_.reset();
}

void engine_session::fault(session_actions& out, fault_kind kind, std::string message) {
  faulted_ = true;
  out.emplace_back(engine_fault{kind, std::move(message)});
}

// ---- Calls ------------------------------------------------------------------

expected<session_actions> engine_session::start() {
  if (auto ok = require(phase::created, "start"); !ok) {
    return tl::unexpected(ok.error());
  }
  session_actions out;
  out.emplace_back(send_line{std::string(usi_command)});
  phase_ = phase::awaiting_usiok;
  live_budget_ = config_.profile.startup_timeout;
  arm(out, live_budget_);
  return out;
}

expected<session_actions> engine_session::new_game() {
  if (auto ok = require(phase::idle, "new_game"); !ok) {
    return tl::unexpected(ok.error());
  }
  session_actions out;
  out.emplace_back(send_line{std::string(usinewgame_command)});
  out.emplace_back(send_line{std::string(isready_command)});
  phase_ = phase::awaiting_newgame_readyok;
  live_budget_ = config_.profile.isready_timeout;
  arm(out, live_budget_);
  return out;
}

expected<session_actions> engine_session::go(std::string_view sfen,
                                             const std::vector<std::string>& moves,
                                             const players::search_limits& limits,
                                             std::chrono::milliseconds deadline) {
  if (auto ok = require(phase::idle, "go"); !ok) {
    return tl::unexpected(ok.error());
  }
  session_actions out;
  info_ = search_info{};
  unread_info_.clear();
  out.emplace_back(send_line{position_command(sfen, moves, config_.profile.drop_marker)});
  // An engine that cannot take the limit (gpsusi and nodes) gets a byoyomi
  // well inside the deadline so that it stops by itself.
  out.emplace_back(send_line{go_command(limits, config_.profile.go_tokens, deadline / 2)});
  phase_ = phase::thinking;
  live_budget_ = deadline;
  arm(out, deadline);
  return out;
}

expected<session_actions> engine_session::game_over(game_result result) {
  if (auto ok = require(phase::idle, "game_over"); !ok) {
    return tl::unexpected(ok.error());
  }
  session_actions out;
  out.emplace_back(send_line{gameover_command(result)});
  return out;
}

expected<session_actions> engine_session::stop_search() {
  if (auto ok = require(phase::thinking, "stop_search"); !ok) {
    return tl::unexpected(ok.error());
  }
  session_actions out;
  out.emplace_back(send_line{std::string(stop_command)});
  phase_ = phase::stopping;
  live_budget_ = config_.stop_grace;
  arm(out, live_budget_);
  return out;
}

session_actions engine_session::shutdown() {
  session_actions out;
  switch (phase_) {
    case phase::exited:
    case phase::shutting_down:
      break;
    case phase::thinking:
      begin_shutdown(out, true);
      break;
    case phase::stopping:  // stop already sent
    default:
      begin_shutdown(out, false);
      break;
  }
  return out;
}

void engine_session::begin_shutdown(session_actions& out, bool searching) {
  phase_ = phase::shutting_down;
  disarm();
  if (eof_) {  // nothing can be said to it any more: wait for the exit a moment
    step_ = shutdown_step::eof_seen;
    arm(out, config_.exit_grace);
    return;
  }
  if (searching) {
    out.emplace_back(send_line{std::string(stop_command)});
    step_ = shutdown_step::stop_sent;
    arm(out, config_.stop_grace);
    return;
  }
  send_quit(out);
}

void engine_session::send_quit(session_actions& out) {
  out.emplace_back(send_line{std::string(quit_command)});
  step_ = shutdown_step::quit_sent;
  arm(out, config_.profile.quit_timeout);
}

void engine_session::send_term(session_actions& out) {
  out.emplace_back(signal_process{SIGTERM});
  step_ = shutdown_step::term_sent;
  arm(out, config_.term_grace);
}

// ---- Events -----------------------------------------------------------------

session_actions engine_session::on_line(std::string_view line) {
  session_actions out;
  if (phase_ == phase::exited) {
    return out;
  }
  last_lines_.emplace_back(line.substr(0, max_kept_line_length));
  while (last_lines_.size() > config_.kept_lines) {
    last_lines_.pop_front();
  }
  if (phase_ == phase::thinking && is_info_line(line)) {
    // Kept raw: only the last lines that carry each field are parsed, at the
    // bestmove (an engine prints one per depth; parsing them all cost more
    // than the rest of the ply).
    unread_info_.emplace_back(line);
    if (unread_info_.size() >= max_unread_info) {
      fold_info();
    }
    return out;
  }
  auto parsed = parse_engine_line(line);
  switch (phase_) {
    case phase::awaiting_usiok:
      if (auto* id = std::get_if<id_name_line>(&parsed)) {
        engine_name_ = id->name;
      } else if (std::holds_alternative<usiok_line>(parsed)) {
        disarm();
        for (const auto& [name, value] : config_.options) {
          out.emplace_back(send_line{setoption_command(name, value)});
        }
        out.emplace_back(send_line{std::string(isready_command)});
        phase_ = phase::awaiting_readyok;
        live_budget_ = config_.profile.isready_timeout;
        arm(out, live_budget_);
      }
      break;
    case phase::awaiting_readyok:
    case phase::awaiting_newgame_readyok:
      if (std::holds_alternative<readyok_line>(parsed)) {
        disarm();
        phase_ = phase::idle;
        out.emplace_back(engine_ready{engine_name_});
      }
      break;
    case phase::thinking:
      if (auto* best = std::get_if<bestmove_line>(&parsed)) {
        on_bestmove(out, *best, line);
      }
      break;
    case phase::stopping:
      if (std::holds_alternative<bestmove_line>(parsed)) {
        disarm();
        phase_ = phase::idle;
        out.emplace_back(search_stopped{});
      }
      break;
    case phase::shutting_down:
      if (step_ == shutdown_step::stop_sent && std::holds_alternative<bestmove_line>(parsed)) {
        send_quit(out);
      }
      break;
    default:
      break;  // stray lines (a late bestmove, a banner) are only kept for messages
  }
  return out;
}

// Each field of the search info is the last value an info line of the main
// line (multipv 1) gave: read from the newest unread line back, a line is
// parsed only while some field is still missing.
void engine_session::fold_info() {
  // got[i]: field i already taken from a newer line of this batch.
  bool got[6] = {false, false, false, false, false, false};
  auto take = [&got](int i, auto& into, const auto& from) {
    if (!got[i] && from) {
      into = from;
      got[i] = true;
    }
  };
  for (auto it = unread_info_.rbegin(); it != unread_info_.rend(); ++it) {
    if (std::all_of(std::begin(got), std::end(got), [](bool g) { return g; })) {
      break;
    }
    auto parsed = parse_engine_line(*it);
    auto* info = std::get_if<info_line>(&parsed);
    if (info == nullptr || (info->multipv && *info->multipv != 1)) {
      continue;
    }
    take(0, info_.eval, info->eval);
    take(1, info_.depth, info->depth);
    take(2, info_.seldepth, info->seldepth);
    take(3, info_.nodes, info->nodes);
    take(4, info_.time_ms, info->time_ms);
    if (!got[5] && !info->pv.empty()) {
      got[5] = true;
      info_.pv.clear();
      for (const auto& move : info->pv) {
        info_.pv.push_back(from_engine_notation(move));
      }
    }
  }
  unread_info_.clear();
}

void engine_session::on_bestmove(session_actions& out, const bestmove_line& best,
                                 std::string_view raw) {
  disarm();
  phase_ = phase::idle;
  fold_info();
  engine_decision decision;
  decision.what = best.what;
  decision.info = std::move(info_);
  info_ = search_info{};
  if (best.what == bestmove_line::kind::move) {
    if (!is_usi_move(best.move)) {
      // The engine answered, so it stays usable; the referee scores the loss.
      fault(out, fault_kind::illegal_move,
            fmt::format("{} answered \"{}\": \"{}\" is not a USI move", who(), raw, best.move));
      return;
    }
    decision.move = from_engine_notation(best.move);
    if (best.ponder && is_usi_move(*best.ponder)) {
      decision.ponder = from_engine_notation(*best.ponder);
    }
  }
  out.emplace_back(engine_decided{std::move(decision)});
}

engine_session::pending_fault engine_session::lost_output_fault() const {
  switch (phase_) {
    case phase::created:
    case phase::awaiting_usiok:
    case phase::awaiting_readyok:
    case phase::awaiting_newgame_readyok:
      return {fault_kind::startup_failed,
              fmt::format("{} ended while {}", who(), phase_name(phase_))};
    default:
      return {fault_kind::disconnect, fmt::format("{} ended while {}", who(), phase_name(phase_))};
  }
}

void engine_session::emit_pending_fault(session_actions& out,
                                        const std::optional<exit_status>& status) {
  if (!pending_fault_) {
    return;
  }
  auto message = pending_fault_->head;
  if (status) {
    message += fmt::format(" ({})", status->describe());
  }
  // Quoted now, not at EOF: lines read after a failed write still count.
  message += quoted_last_lines();
  fault(out, pending_fault_->kind, std::move(message));
  pending_fault_.reset();
}

session_actions engine_session::on_eof() {
  session_actions out;
  if (eof_ || phase_ == phase::exited) {
    return out;
  }
  eof_ = true;
  if (phase_ == phase::shutting_down) {
    if (step_ == shutdown_step::stop_sent) {  // no bestmove will come: wait for the exit
      step_ = shutdown_step::eof_seen;
      disarm();
      arm(out, config_.exit_grace);
    }
    return out;  // after quit: expected, and the quit timer carries on
  }
  pending_fault_ = lost_output_fault();
  phase_ = phase::shutting_down;
  step_ = shutdown_step::eof_seen;
  disarm();
  arm(out, config_.exit_grace);
  return out;
}

session_actions engine_session::on_timer(timer_id id) {
  session_actions out;
  if (!live_timer_ || *live_timer_ != id) {
    return out;  // superseded
  }
  live_timer_.reset();
  auto budget = live_budget_.count();
  switch (phase_) {
    case phase::awaiting_usiok:
      fault(out, fault_kind::startup_failed,
            fmt::format("{} did not answer usi with usiok within {} ms{}", who(), budget,
                        quoted_last_lines()));
      begin_shutdown(out, false);
      break;
    case phase::awaiting_readyok:
      fault(out, fault_kind::startup_failed,
            fmt::format("{} did not answer isready with readyok within {} ms{}", who(), budget,
                        quoted_last_lines()));
      begin_shutdown(out, false);
      break;
    case phase::awaiting_newgame_readyok:
      fault(out, fault_kind::startup_failed,
            fmt::format("{} did not answer isready after usinewgame within {} ms{}", who(), budget,
                        quoted_last_lines()));
      begin_shutdown(out, false);
      break;
    case phase::thinking:
      fault(out, fault_kind::timeout,
            fmt::format("{} sent no bestmove within {} ms", who(), budget));
      begin_shutdown(out, true);
      break;
    case phase::stopping:
      fault(out, fault_kind::timeout,
            fmt::format("{} did not answer stop within {} ms", who(), budget));
      begin_shutdown(out, false);
      break;
    case phase::shutting_down:
      switch (step_) {
        case shutdown_step::stop_sent:
          send_quit(out);
          break;
        case shutdown_step::eof_seen:
          emit_pending_fault(out, std::nullopt);
          send_term(out);
          break;
        case shutdown_step::quit_sent:
          send_term(out);
          break;
        case shutdown_step::term_sent:
          out.emplace_back(signal_process{SIGKILL});
          step_ = shutdown_step::kill_sent;
          break;
        default:
          break;
      }
      break;
    default:
      break;
  }
  return out;
}

session_actions engine_session::on_exit(const exit_status& status) {
  session_actions out;
  if (phase_ == phase::exited) {
    return out;
  }
  if (!pending_fault_ && phase_ != phase::shutting_down) {
    pending_fault_ = lost_output_fault();  // exit seen before EOF
  }
  emit_pending_fault(out, status);
  bool clean = step_ == shutdown_step::quit_sent && !status.signalled && status.code == 0;
  disarm();
  phase_ = phase::exited;
  out.emplace_back(engine_exited{status, clean});
  return out;
}

}  // namespace tourney::usi
