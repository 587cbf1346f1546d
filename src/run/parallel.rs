//! Parallel work with results in order.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Room for deeply nested expressions: the parser grows its own stack, but the resolver and
/// the finder recurse on the thread's.
const WORKER_STACK: usize = 256 << 20;

/// Worker threads' name prefix, by which the panic hook knows a file's panic from a bug.
pub const WORKER_NAME: &str = "wxwork-migrate-worker-";

/// Runs `work` on every item on `jobs` threads and hands the results to `sink` in the items'
/// order. Threads take the next few items as they free up, so results arrive nearly in order
/// and only a few wait in the buffer: memory follows the files in flight, not the tree.
pub fn for_each_in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    // WASI has no threads (spawning one is an error): there every item runs on this one.
    if cfg!(target_os = "wasi") {
        return items.iter().try_for_each(|item| sink(work(item)));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("{WORKER_NAME}{i}"))
        .build()
        .map_err(io::Error::other)?;
    let chunk = chunk_size(items.len(), jobs);
    let next = AtomicUsize::new(0);
    // Set when the output fails: threads stop after the file in hand, not the whole batch, so
    // that `--write` changes as few files as possible that nobody is told about.
    let stopped = AtomicBool::new(false);
    let (sender, receiver) = mpsc::channel::<(usize, Vec<R>)>();
    let (work, next, stopped) = (&work, &next, &stopped);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.scope(|pool_scope| {
                for _ in 0..jobs {
                    let sender = sender.clone();
                    pool_scope.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let start = i * chunk;
                        if start >= items.len() {
                            break;
                        }
                        let end = (start + chunk).min(items.len());
                        let results = items[start..end]
                            .iter()
                            .map_while(|item| {
                                (!stopped.load(Ordering::Relaxed)).then(|| work(item))
                            })
                            .collect();
                        if sender.send((i, results)).is_err() {
                            break;
                        }
                    });
                }
            });
        });
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (i, results) in receiver {
            waiting.insert(i, results);
            while let Some(results) = waiting.remove(&expected) {
                for result in results {
                    if let Err(err) = sink(result) {
                        stopped.store(true, Ordering::Relaxed);
                        return Err(err);
                    }
                }
                expected += 1;
            }
        }
        Ok(())
    })
}

/// How many consecutive items a thread takes at once. Handing each result over on its own
/// wakes the printing thread once per file, a tenth of the time of a small file's parse; a
/// few files at a time keep the threads busy to the end and a pre-commit run's few files
/// spread over all of them.
fn chunk_size(items: usize, jobs: usize) -> usize {
    (items / (jobs * 32)).clamp(1, 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_chunking() {
        for (len, jobs) in [(0, 1), (1, 4), (10, 3), (1000, 2), (5000, 7)] {
            let items: Vec<usize> = (0..len).collect();
            let mut seen = Vec::new();
            for_each_in_order(
                &items,
                jobs,
                |&i| i * 2,
                |r| {
                    seen.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(
                seen,
                (0..len).map(|i| i * 2).collect::<Vec<_>>(),
                "{len} {jobs}"
            );
        }
    }

    #[test]
    fn a_failing_sink_stops_the_threads_after_the_item_in_hand() {
        let items: Vec<usize> = (0..10_000).collect();
        let calls = AtomicUsize::new(0);
        let result = for_each_in_order(
            &items,
            2,
            |_| {
                calls.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_millis(5));
            },
            |()| Err(io::Error::other("closed")),
        );
        assert!(result.is_err());
        // The first batch (16 items) and the other thread's, plus one item each after the stop;
        // finishing whole batches after the stop would take 64.
        let calls = calls.into_inner();
        assert!(
            calls < 48,
            "{calls} items processed after the output failed"
        );
    }

    #[test]
    fn few_items_are_spread_over_all_threads() {
        assert_eq!(chunk_size(10, 2), 1);
        assert_eq!(chunk_size(100_000, 2), 16);
    }

    #[test]
    fn chunks_grow_from_one_item_to_sixteen_at_their_bounds() {
        for jobs in [1, 2, 7] {
            assert_eq!(chunk_size(0, jobs), 1);
            assert_eq!(chunk_size(jobs * 64 - 1, jobs), 1);
            assert_eq!(chunk_size(jobs * 64, jobs), 2);
            assert_eq!(chunk_size(jobs * 512 - 1, jobs), 15);
            assert_eq!(chunk_size(jobs * 512, jobs), 16);
            assert_eq!(chunk_size(jobs * 544, jobs), 16, "never more than 16");
        }
    }
}
