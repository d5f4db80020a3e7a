// The tests start real quell processes that analyse large files; running them one at a time keeps their
// timings sane on small CI machines (two cores).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
