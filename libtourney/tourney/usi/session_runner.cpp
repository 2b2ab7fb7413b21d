#include "tourney/usi/session_runner.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>

namespace tourney::usi {

session_runner::session_runner(engine_session session, child_process process)
    : session_(std::move(session)), process_(std::move(process)) {}

expected<session_runner> session_runner::launch(session_config config,
                                                const spawn_options& options) {
  auto process = child_process::spawn(options);
  if (!process) {
    return tl::unexpected(process.error());
  }
  session_runner runner(engine_session(std::move(config)), std::move(*process));
  auto started = runner.execute(runner.session_.start());
  if (!started) {
    return tl::unexpected(started.error());
  }
  return runner;
}

expected<std::vector<session_action>> session_runner::execute(expected<session_actions> actions) {
  if (!actions) {
    return tl::unexpected(actions.error());
  }
  std::vector<session_action> reports;
  carry_out(*actions, reports);
  return reports;
}

void session_runner::carry_out(const session_actions& actions,
                               std::vector<session_action>& reports) {
  bool queued = false;
  for (const auto& action : actions) {
    if (const auto* line = std::get_if<send_line>(&action)) {
      process_.queue_line(line->line);
      queued = true;
    } else if (const auto* arm = std::get_if<arm_timer>(&action)) {
      timer_ = timer{arm->id, clock::now() + arm->after};
    } else if (const auto* sig = std::get_if<signal_process>(&action)) {
      process_.send_signal(sig->signal);
    } else {
      reports.push_back(action);
    }
  }
  // Lines go out together, after the batch (signals in a batch only ever
  // follow lines that no longer matter).
  if (queued && !process_.flush()) {
    carry_out(session_.on_eof(), reports);  // stdin gone: the engine is gone
  }
}

void session_runner::handle_output(std::vector<session_action>& reports) {
  for (const auto& line : process_.read_available()) {
    carry_out(session_.on_line(line), reports);
  }
  if (process_.at_eof()) {
    carry_out(session_.on_eof(), reports);
  }
}

void session_runner::handle_exit(std::vector<session_action>& reports) {
  auto status = process_.try_wait();
  if (!status || exit_reported_) {
    return;
  }
  handle_output(reports);  // what it printed before dying comes first
  exit_reported_ = true;
  carry_out(session_.on_exit(*status), reports);
}

std::vector<session_action> session_runner::run_until(
    const std::function<bool(const session_action&)>& done) {
  std::vector<session_action> reports;
  std::size_t checked = 0;
  while (true) {
    for (; checked < reports.size(); ++checked) {
      if (done(reports[checked])) {
        return reports;
      }
    }
    auto phase = session_.current_phase();
    if (phase == engine_session::phase::exited || phase == engine_session::phase::idle) {
      return reports;
    }
    auto now = clock::now();
    if (timer_ && timer_->due <= now) {
      auto id = timer_->id;
      timer_.reset();
      carry_out(session_.on_timer(id), reports);
      continue;
    }
    int timeout_ms = -1;
    if (timer_) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(timer_->due - now).count();
      timeout_ms = static_cast<int>(std::max<std::int64_t>(left, 0));
    }
    pollfd fds[3];
    nfds_t count = 0;
    int out_index = -1;
    int exit_index = -1;
    int in_index = -1;
    if (!process_.at_eof()) {
      out_index = static_cast<int>(count);
      fds[count++] = pollfd{process_.fd(), POLLIN, 0};
    }
    if (process_.exit_fd() >= 0 && !exit_reported_) {
      exit_index = static_cast<int>(count);
      fds[count++] = pollfd{process_.exit_fd(), POLLIN, 0};
    }
    if (process_.has_pending_output()) {
      in_index = static_cast<int>(count);
      fds[count++] = pollfd{process_.input_fd(), POLLOUT, 0};
    }
    if (process_.exit_fd() < 0 && process_.at_eof() && !exit_reported_) {
      timeout_ms = timeout_ms < 0 ? 10 : std::min(timeout_ms, 10);  // no pidfd: poll for the exit
    }
    auto ready = ::poll(fds, count, timeout_ms);
    if (ready < 0 && errno != EINTR) {
      return reports;
    }
    if (in_index >= 0 && fds[in_index].revents != 0) {
      if (!process_.flush()) {
        carry_out(session_.on_eof(), reports);
      }
    }
    if (out_index >= 0 && fds[out_index].revents != 0) {
      handle_output(reports);
    }
    if ((exit_index >= 0 && fds[exit_index].revents != 0) || process_.exit_fd() < 0) {
      handle_exit(reports);
    }
  }
}

std::vector<session_action> session_runner::shutdown() {
  std::vector<session_action> reports;
  carry_out(session_.shutdown(), reports);
  auto more = run_until<engine_exited>();
  reports.insert(reports.end(), more.begin(), more.end());
  return reports;
}

}  // namespace tourney::usi
