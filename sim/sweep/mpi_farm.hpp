#pragma once
// Sweeps under MPI (built with -DITTSIM_MPI=ON): `mpirun -np K ittsim sweep ...` farms the
// points across ranks as they become free. Rank 0 holds the list of points still to run and
// runs points itself; between its simulated weeks it answers the other ranks, each of which
// reports the point it finished and gets the next. This is the only file that includes mpi.h.

#include "sim/sweep/run_sweep.hpp"

#include <memory>
#include <vector>

namespace ittsim {

// MPI initialised for the life of the object (MPI_THREAD_FUNNELED: only the main thread
// calls MPI; oneTBB's workers never do).
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const noexcept { return rank_; }
  int size() const noexcept { return size_; }
  void barrier() const;
  // Ends every rank at once, with this exit code: the way out of an error under MPI.
  [[noreturn]] void abort(int exit_code) const;

 private:
  int rank_ = 0;
  int size_ = 1;
};

// Whether this process was started by an MPI launcher (mpirun, mpiexec, srun --mpi=...): they
// set OMPI_COMM_WORLD_SIZE, PMIX_RANK or PMI_RANK. Otherwise MPI is not initialised at all,
// so that a plain run of the MPI build behaves, and costs, exactly as the serial build.
bool launched_by_mpi();

// Rank 0's source is given the points to run; the other ranks' sources ask rank 0.
std::unique_ptr<PointSource> make_mpi_source(const MpiSession& session, std::vector<std::size_t> points,
                                             std::size_t assigned);

}  // namespace ittsim
