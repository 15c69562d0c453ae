// Copied by smithy-codegen from codegen/runtime/endpoint/cache.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! The last resolution on each thread, answered again when the parameters repeat: a
//! client whose operations bind endpoint parameters resolves per request, usually with
//! the same values. Thread-local, so no lock; one entry, so no growth. The generated
//! module supplies the key: an owned copy of its `Params`, compared field by field.

use std::cell::RefCell;

use super::resolved::{Endpoint, ResolveError};

/// One thread's last resolution and the parameters (`K`) it was for.
pub(crate) struct Last<K>(RefCell<Option<(K, Result<Endpoint, ResolveError>)>>);

impl<K> Last<K> {
    pub(crate) const fn new() -> Self {
        Last(RefCell::new(None))
    }

    /// The last result when `same` says its key matches the parameters, else `resolve()`'s,
    /// which is kept under `key()`.
    pub(crate) fn get_or_resolve(
        &self,
        same: impl FnOnce(&K) -> bool,
        key: impl FnOnce() -> K,
        resolve: impl FnOnce() -> Result<Endpoint, ResolveError>,
    ) -> Result<Endpoint, ResolveError> {
        if let Ok(last) = self.0.try_borrow()
            && let Some((k, result)) = &*last
            && same(k)
        {
            return result.clone();
        }
        let result = resolve();
        if let Ok(mut last) = self.0.try_borrow_mut() {
            *last = Some((key(), result.clone()));
        }
        result
    }
}

/// Whether a kept string-array parameter equals a given one.
#[allow(dead_code)] // Only rule sets with string-array parameters use it.
pub(crate) fn same_strs(kept: Option<&[String]>, given: Option<&[&str]>) -> bool {
    match (kept, given) {
        (None, None) => true,
        (Some(a), Some(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn repeats_are_answered_from_the_last_result() {
        let last: Last<String> = Last::new();
        let calls = Cell::new(0);
        let resolve = |region: &str, url: &'static str| {
            last.get_or_resolve(
                |k| k == region,
                || region.to_owned(),
                || {
                    calls.set(calls.get() + 1);
                    Ok(Endpoint::new(url))
                },
            )
        };
        assert_eq!(resolve("a", "https://a").unwrap().url(), "https://a");
        assert_eq!(resolve("a", "https://other").unwrap().url(), "https://a");
        assert_eq!(calls.get(), 1);
        assert_eq!(resolve("b", "https://b").unwrap().url(), "https://b");
        assert_eq!(resolve("a", "https://a2").unwrap().url(), "https://a2");
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn string_arrays_compare_item_by_item() {
        let kept = vec!["a".to_owned(), "b".to_owned()];
        assert!(same_strs(Some(&kept), Some(&["a", "b"])));
        assert!(!same_strs(Some(&kept), Some(&["a"])));
        assert!(!same_strs(Some(&kept), Some(&["a", "c"])));
        assert!(!same_strs(Some(&kept), None));
        assert!(same_strs(None, None));
    }
}
