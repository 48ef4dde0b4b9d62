//! A count of elementary steps (claims examined by a lookup, candidate pairs compared), for
//! the tests that guard that commands over a whole project stay linear or n·log n as the
//! project grows: they count work, not time (see `tests` in `review::agreement` and
//! `formats::brat`). Counting is compiled into tests only; elsewhere [`add`] does nothing.

#[cfg(test)]
thread_local! {
    static DONE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Count `n` steps of work on this thread (a no-op outside tests).
#[inline(always)]
pub fn add(n: usize) {
    #[cfg(test)]
    DONE.with(|d| d.set(d.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

/// The steps counted on this thread since the last call, and start counting again.
#[cfg(test)]
pub fn take() -> u64 {
    DONE.with(|d| d.replace(0))
}
