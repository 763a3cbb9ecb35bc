#pragma once
// Fewer page faults for the big in-memory jobs (a 10,000-account index, 330,000 messages): the
// heap grows in large steps backed by transparent huge pages where the kernel offers them
// (madvise mode), so the kernel maps it 2 MiB at a time instead of 4 KiB at a time. A first-touch
// page fault is the single largest cost of building the index on a virtual machine.

namespace drydock::cli {

// Call once, first thing in main. Best effort: without huge pages nothing changes.
void tune_heap();

}  // namespace drydock::cli
