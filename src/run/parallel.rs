//! Parallel work with results in order.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Room for deeply nested expressions: the parser grows its own stack, but the resolver and
/// the finder recurse on the thread's.
const WORKER_STACK: usize = 256 << 20;

/// Worker threads' name prefix, by which the panic hook knows a file's panic from a bug.
pub const WORKER_NAME: &str = "wxwork-migrate-worker-";

/// Runs `work` on every item on `jobs` threads and hands the results to `sink` in the items'
/// order. Threads take the next item as they free up, so results arrive nearly in order and
/// only a few wait in the buffer: memory follows the files in flight, not the tree.
pub fn for_each_in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("{WORKER_NAME}{i}"))
        .build()
        .map_err(io::Error::other)?;
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    let (work, next) = (&work, &next);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.scope(|pool_scope| {
                for _ in 0..jobs {
                    let sender = sender.clone();
                    pool_scope.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        if sender.send((i, work(item))).is_err() {
                            break;
                        }
                    });
                }
            });
        });
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (i, result) in receiver {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                sink(result)?;
                expected += 1;
            }
        }
        Ok(())
    })
}
