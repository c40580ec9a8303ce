#include "sim/sweep/mpi_farm.hpp"

#include "sim/core/errors.hpp"

#include <fmt/format.h>
#include <mpi.h>

#include <cstdlib>
#include <cstring>
#include <deque>

namespace ittsim {
namespace {

constexpr int request_tag = 1;  // worker -> rank 0: the point finished (or none) and its outcome
constexpr int assign_tag = 2;   // rank 0 -> worker: the next point, or no_point
constexpr std::int64_t no_point = -1;

void check(int result, const char* what) {
  if (result != MPI_SUCCESS) throw std::runtime_error(fmt::format("MPI error {} in {}", result, what));
}

// How a request says how the point ended.
constexpr std::int64_t point_failed = 0;
constexpr std::int64_t point_complete = 1;
constexpr std::int64_t point_elsewhere = 2;

// A request: the finished point (or no_point), how it ended, then its error text.
std::vector<char> encode(const std::optional<PointOutcome>& finished) {
  const std::int64_t ended = !finished             ? point_failed
                             : finished->elsewhere ? point_elsewhere
                             : finished->complete  ? point_complete
                                                   : point_failed;
  const std::int64_t header[2] = {finished ? static_cast<std::int64_t>(finished->point) : no_point, ended};
  const std::string error = finished ? finished->error : std::string{};
  std::vector<char> message(sizeof header + error.size());
  std::memcpy(message.data(), header, sizeof header);
  std::memcpy(message.data() + sizeof header, error.data(), error.size());
  return message;
}

std::optional<PointOutcome> decode(const std::vector<char>& message) {
  std::int64_t header[2] = {no_point, 0};
  if (message.size() < sizeof header) throw std::runtime_error("MPI: a request shorter than its header");
  std::memcpy(header, message.data(), sizeof header);
  if (header[0] == no_point) return std::nullopt;
  return PointOutcome{static_cast<std::size_t>(header[0]), header[1] == point_complete,
                      std::string(message.begin() + sizeof header, message.end()), header[1] == point_elsewhere};
}

void count(SweepCounts& counts, const std::optional<PointOutcome>& finished) {
  if (finished) counts.add(*finished);
}

class CoordinatorSource final : public PointSource {
 public:
  CoordinatorSource(int ranks, std::vector<std::size_t> points, std::size_t assigned)
      : ranks_(ranks), queue_(points.begin(), points.end()) {
    counts_.assigned = assigned;
    counts_.to_run = points.size();
    counts_.already_complete = assigned - points.size();
  }

  std::optional<std::size_t> next(const std::optional<PointOutcome>& finished) override {
    count(counts_, finished);
    if (!queue_.empty()) return take();
    // Nothing left for rank 0: answer the others until each has been told to stop.
    while (stopped_ < ranks_ - 1) {
      MPI_Status status;
      check(MPI_Probe(MPI_ANY_SOURCE, request_tag, MPI_COMM_WORLD, &status), "MPI_Probe");
      answer(status);
    }
    return std::nullopt;
  }

  void serve() override {
    while (true) {
      int waiting = 0;
      MPI_Status status;
      check(MPI_Iprobe(MPI_ANY_SOURCE, request_tag, MPI_COMM_WORLD, &waiting, &status), "MPI_Iprobe");
      if (waiting == 0) return;
      answer(status);
    }
  }

  SweepCounts counts() const override { return counts_; }

 private:
  std::size_t take() {
    const std::size_t point = queue_.front();
    queue_.pop_front();
    return point;
  }

  void answer(const MPI_Status& status) {
    int size = 0;
    check(MPI_Get_count(&status, MPI_BYTE, &size), "MPI_Get_count");
    std::vector<char> message(static_cast<std::size_t>(size));
    check(MPI_Recv(message.data(), size, MPI_BYTE, status.MPI_SOURCE, request_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
          "MPI_Recv");
    count(counts_, decode(message));
    const std::int64_t point = queue_.empty() ? no_point : static_cast<std::int64_t>(take());
    if (point == no_point) ++stopped_;
    check(MPI_Send(&point, 1, MPI_INT64_T, status.MPI_SOURCE, assign_tag, MPI_COMM_WORLD), "MPI_Send");
  }

  int ranks_;
  int stopped_ = 0;
  std::deque<std::size_t> queue_;
  SweepCounts counts_;
};

class WorkerSource final : public PointSource {
 public:
  std::optional<std::size_t> next(const std::optional<PointOutcome>& finished) override {
    count(counts_, finished);
    auto message = encode(finished);
    check(MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, request_tag, MPI_COMM_WORLD), "MPI_Send");
    std::int64_t point = no_point;
    check(MPI_Recv(&point, 1, MPI_INT64_T, 0, assign_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
    if (point == no_point) return std::nullopt;
    return static_cast<std::size_t>(point);
  }
  bool coordinator() const override { return false; }
  SweepCounts counts() const override { return counts_; }

 private:
  SweepCounts counts_;
};

}  // namespace

bool launched_by_mpi() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr ||
         std::getenv("PMI_RANK") != nullptr;
}

MpiSession::MpiSession() {
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::barrier() const { check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier"); }

void MpiSession::abort(int exit_code) const {
  MPI_Abort(MPI_COMM_WORLD, exit_code);
  std::_Exit(exit_code);
}

std::unique_ptr<PointSource> make_mpi_source(const MpiSession& session, std::vector<std::size_t> points,
                                             std::size_t assigned) {
  if (session.rank() == 0) return std::make_unique<CoordinatorSource>(session.size(), std::move(points), assigned);
  return std::make_unique<WorkerSource>();
}

}  // namespace ittsim
