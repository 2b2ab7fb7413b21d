#include "tourney/usi/engine_reactor.hpp"

#include <fmt/core.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>

namespace tourney::usi {

namespace {

// epoll data: the engine id in the high bits, which descriptor in the low two.
enum tag : std::uint64_t { output_tag = 0, exit_tag = 1, input_tag = 2, wake_tag = 3 };

std::uint64_t key(engine_id id, tag t) {
  return (id << 2) | t;
}

}  // namespace

engine_reactor::engine_reactor(event_handler handler, options settings)
    : handler_(std::move(handler)), settings_(settings) {}

expected<std::unique_ptr<engine_reactor>> engine_reactor::start(event_handler handler) {
  return start(std::move(handler), options{});
}

expected<std::unique_ptr<engine_reactor>> engine_reactor::start(event_handler handler,
                                                                options settings) {
  std::unique_ptr<engine_reactor> reactor(new engine_reactor(std::move(handler), settings));
  reactor->epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  reactor->wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.u64 = key(0, wake_tag);
  if (reactor->epoll_fd_ < 0 || reactor->wake_fd_ < 0 ||
      ::epoll_ctl(reactor->epoll_fd_, EPOLL_CTL_ADD, reactor->wake_fd_, &wake) != 0) {
    return fail(fmt::format("engine reactor: cannot set up epoll: {}", std::strerror(errno)));
  }
  auto* self = reactor.get();
  reactor->thread_ = std::thread([self] { self->run(); });
  return reactor;
}

engine_reactor::~engine_reactor() {
  stop();
  if (epoll_fd_ >= 0) {
    ::close(epoll_fd_);
  }
  if (wake_fd_ >= 0) {
    ::close(wake_fd_);
  }
}

void engine_reactor::wake() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto wrote = ::write(wake_fd_, &one, sizeof one);
}

void engine_reactor::post_locked(command c) {
  // The reactor drains the whole queue per wake: only the first command
  // posted since then needs to wake it.
  commands_.push_back(std::move(c));
}

void engine_reactor::post(command c) {
  bool first = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) {
      return;
    }
    first = commands_.empty();
    post_locked(std::move(c));
  }
  if (first) {
    wake();
  }
}

engine_id engine_reactor::spawn(spawn_options options) {
  engine_id id = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    id = next_id_++;
  }
  post(spawn_command{id, std::move(options)});
  return id;
}

void engine_reactor::write(engine_id id, std::vector<std::string> lines) {
  std::string bytes;
  for (const auto& line : lines) {
    bytes.append(line);
    bytes.push_back('\n');
  }
  if (bytes.empty()) {
    return;
  }
  bool first = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) {
      return;
    }
    auto& in = inlets_[id];
    if (in.fd >= 0 && in.queued == 0 && !in.reactor_owes) {
      // Under the lock, so the reactor cannot close the descriptor meanwhile.
      ssize_t sent = 0;
      do {
        sent = ::send(in.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      } while (sent < 0 && errno == EINTR);
      if (sent == static_cast<ssize_t>(bytes.size())) {
        return;
      }
      if (sent > 0) {
        bytes.erase(0, static_cast<std::size_t>(sent));
      }
      // The rest (or, after an error, all of it: the reactor's own write
      // fails the same way and reports input_closed) goes to the reactor.
    }
    ++in.queued;
    first = commands_.empty();
    post_locked(write_command{id, std::move(bytes)});
  }
  if (first) {
    wake();
  }
}

void engine_reactor::set_timer(engine_id id, std::uint64_t timer,
                               std::chrono::steady_clock::time_point at) {
  bool earlier = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) {
      return;
    }
    deadlines_[id] = deadline{timer, at};
    earlier = at < sleeps_until_;
  }
  if (earlier) {
    wake();
  }
}

void engine_reactor::cancel_timer(engine_id id) {
  std::lock_guard<std::mutex> lock(mutex_);
  deadlines_.erase(id);
}

void engine_reactor::signal(engine_id id, int signal) {
  post(signal_command{id, signal});
}

void engine_reactor::release(engine_id id) {
  post(release_command{id});
}

void engine_reactor::call(std::function<void()> task) {
  post(call_command{std::move(task)});
}

void engine_reactor::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void engine_reactor::unwatch(int fd) {
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
}

void engine_reactor::watch_input(engine_id id, engine& e) {
  if (e.input_watched || !e.process.has_pending_output()) {
    return;
  }
  epoll_event ev{};
  ev.events = EPOLLOUT;
  ev.data.u64 = key(id, input_tag);
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, e.process.input_fd(), &ev) == 0) {
    e.input_watched = true;
  }
}

void engine_reactor::handle(command& c) {
  if (auto* call = std::get_if<call_command>(&c)) {
    call->task();
    return;
  }
  if (auto* spawn = std::get_if<spawn_command>(&c)) {
    auto child = child_process::spawn(spawn->options);
    if (!child) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        inlets_.erase(spawn->id);
        deadlines_.erase(spawn->id);
      }
      reactor_event event;
      event.id = spawn->id;
      event.what = reactor_event::kind::spawn_failed;
      event.error = child.error().message;
      handler_(std::move(event));
      return;
    }
    auto& e = engines_.emplace(spawn->id, engine{std::move(*child), false, false, false, false, {}})
                  .first->second;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      inlets_[spawn->id].fd = e.process.input_fd();
    }
    epoll_event out{};
    out.events = EPOLLIN;
    out.data.u64 = key(spawn->id, output_tag);
    e.output_watched = ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, e.process.fd(), &out) == 0;
    if (e.process.exit_fd() >= 0) {
      epoll_event exit{};
      exit.events = EPOLLIN;
      exit.data.u64 = key(spawn->id, exit_tag);
      e.exit_watched = ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, e.process.exit_fd(), &exit) == 0;
    }
    reactor_event event;
    event.id = spawn->id;
    event.what = reactor_event::kind::spawned;
    event.pid = e.process.pid();
    handler_(std::move(event));
    return;
  }
  if (auto* write = std::get_if<write_command>(&c)) {
    auto found = engines_.find(write->id);
    if (found == engines_.end()) {
      std::lock_guard<std::mutex> lock(mutex_);
      inlets_.erase(write->id);  // never spawned, or released: nothing to keep
      return;
    }
    auto& e = found->second;
    e.process.queue_bytes(write->bytes);
    auto flushed = e.process.flush();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& in = inlets_[write->id];
      --in.queued;
      in.reactor_owes = e.process.has_pending_output();
    }
    if (!flushed) {
      reactor_event event;
      event.id = write->id;
      event.what = reactor_event::kind::input_closed;
      handler_(std::move(event));
      return;
    }
    watch_input(write->id, e);
    return;
  }
  if (auto* sig = std::get_if<signal_command>(&c)) {
    auto found = engines_.find(sig->id);
    if (found != engines_.end()) {
      found->second.process.send_signal(sig->signal);
    }
    return;
  }
  if (auto* release = std::get_if<release_command>(&c)) {
    auto found = engines_.find(release->id);
    if (found == engines_.end()) {
      return;
    }
    {
      // Before the descriptor closes: no caller writes to it any more.
      std::lock_guard<std::mutex> lock(mutex_);
      inlets_.erase(release->id);
      deadlines_.erase(release->id);
    }
    auto& e = found->second;
    if (e.output_watched) {
      unwatch(e.process.fd());
    }
    if (e.exit_watched) {
      unwatch(e.process.exit_fd());
    }
    if (e.input_watched) {
      unwatch(e.process.input_fd());
    }
    engines_.erase(found);  // the child_process destructor kills and reaps
  }
}

namespace {

bool is_info(const std::string& line) {
  return line.compare(0, 4, "info") == 0 && (line.size() == 4 || line[4] == ' ' || line[4] == '\t');
}

}  // namespace

void engine_reactor::deliver(engine_id id, engine& e, std::vector<std::string> lines, bool flush) {
  if (settings_.hold_info_lines && !flush && std::all_of(lines.begin(), lines.end(), is_info) &&
      e.held.size() + lines.size() <= settings_.max_held_lines) {
    e.held.insert(e.held.end(), std::make_move_iterator(lines.begin()),
                  std::make_move_iterator(lines.end()));
    return;
  }
  if (!e.held.empty()) {
    e.held.insert(e.held.end(), std::make_move_iterator(lines.begin()),
                  std::make_move_iterator(lines.end()));
    lines = std::move(e.held);
    e.held.clear();
  }
  if (lines.empty()) {
    return;
  }
  reactor_event event;
  event.id = id;
  event.what = reactor_event::kind::lines;
  event.lines = std::move(lines);
  handler_(std::move(event));
}

void engine_reactor::on_output(engine_id id, engine& e) {
  auto lines = e.process.read_available();
  deliver(id, e, std::move(lines), e.process.at_eof());
  if (e.process.at_eof() && e.output_watched) {
    unwatch(e.process.fd());
    e.output_watched = false;
    reactor_event event;
    event.id = id;
    event.what = reactor_event::kind::eof;
    handler_(std::move(event));
  }
}

void engine_reactor::on_exit(engine_id id, engine& e) {
  auto status = e.process.try_wait();
  if (!status || e.exit_reported) {
    return;
  }
  if (e.output_watched) {
    on_output(id, e);  // what it printed before dying comes first
  }
  deliver(id, e, {}, true);
  e.exit_reported = true;
  if (e.exit_watched) {
    unwatch(e.process.exit_fd());
    e.exit_watched = false;
  }
  reactor_event event;
  event.id = id;
  event.what = reactor_event::kind::exited;
  event.status = status;
  handler_(std::move(event));
}

void engine_reactor::on_input(engine_id id, engine& e) {
  auto flushed = e.process.flush();
  if (!flushed || !e.process.has_pending_output()) {
    unwatch(e.process.input_fd());
    e.input_watched = false;
    std::lock_guard<std::mutex> lock(mutex_);
    inlets_[id].reactor_owes = false;
  }
  if (!flushed) {
    reactor_event event;
    event.id = id;
    event.what = reactor_event::kind::input_closed;
    handler_(std::move(event));
  }
}

int engine_reactor::wait_timeout() {
  using clock = std::chrono::steady_clock;
  std::lock_guard<std::mutex> lock(mutex_);
  auto next = clock::time_point::max();
  for (const auto& [id, d] : deadlines_) {
    next = std::min(next, d.at);
  }
  sleeps_until_ = next;
  if (next == clock::time_point::max()) {
    return -1;
  }
  auto now = clock::now();
  if (next <= now) {
    return 0;
  }
  // Rounded up: waking a little late is fine, waking early only loops.
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
  return static_cast<int>(std::min<decltype(ms)>(ms, 24 * 3600 * 1000));
}

void engine_reactor::fire_due_timers() {
  using clock = std::chrono::steady_clock;
  std::vector<std::pair<engine_id, std::uint64_t>> due;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sleeps_until_ = clock::time_point::min();  // awake: it recomputes before sleeping
    if (deadlines_.empty()) {
      return;
    }
    auto now = clock::now();
    for (auto it = deadlines_.begin(); it != deadlines_.end();) {
      if (it->second.at <= now) {
        due.emplace_back(it->first, it->second.timer);
        it = deadlines_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& [id, timer] : due) {
    if (engines_.count(id) == 0) {
      continue;  // released meanwhile
    }
    reactor_event event;
    event.id = id;
    event.what = reactor_event::kind::timer;
    event.timer = timer;
    handler_(std::move(event));
  }
}

void engine_reactor::run() {
  // Named for top -H and the USI benchmark's per-thread figures.
  ::pthread_setname_np(::pthread_self(), "tourney.usi");
  epoll_event ready[64];
  while (true) {
    int count = ::epoll_wait(epoll_fd_, ready, 64, wait_timeout());
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    fire_due_timers();
    for (int i = 0; i < count; ++i) {
      auto data = ready[i].data.u64;
      auto which = static_cast<tag>(data & 3);
      engine_id id = data >> 2;
      if (which == wake_tag) {
        std::uint64_t drained = 0;
        [[maybe_unused]] auto got = ::read(wake_fd_, &drained, sizeof drained);
        std::deque<command> batch;
        bool stopping = false;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          batch.swap(commands_);
          stopping = stopping_;
        }
        if (stopping) {
          clear_engines();
          return;
        }
        for (auto& c : batch) {
          handle(c);
        }
        continue;
      }
      // An engine released earlier in this batch has no entry any more.
      auto found = engines_.find(id);
      if (found == engines_.end()) {
        continue;
      }
      switch (which) {
        case output_tag:
          on_output(id, found->second);
          break;
        case exit_tag:
          on_exit(id, found->second);
          break;
        case input_tag:
          on_input(id, found->second);
          break;
        default:
          break;
      }
    }
  }
  clear_engines();
}

void engine_reactor::clear_engines() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    inlets_.clear();  // before the descriptors close
    deadlines_.clear();
  }
  engines_.clear();  // SIGKILL and reap each
}

}  // namespace tourney::usi
