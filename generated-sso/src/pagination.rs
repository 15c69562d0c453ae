// Copied by smithy-codegen from codegen/runtime/pagination.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Paginators for `@paginated` operations: [`Pages`] sends one request per page, each with
//! the continuation token of the page before, and [`Items`] yields the items of those
//! pages one at a time.
//!
//! Every operation with a paginator has an `into_paginator()` on its fluent builder:
//!
//! ```text
//! let mut pages = client.list_things().into_paginator().page_size(50).send();
//! while let Some(page) = pages.next().await {
//!     let page = page?;
//!     // ...
//! }
//! let all = client.list_things().into_paginator().items().send().try_collect().await?;
//! ```
//!
//! Pagination ends after a page without a continuation token (absent or empty), after a
//! page whose token was already sent (the same one back to back, as the spec allows, or an
//! earlier one: the service would go round in a cycle for ever), and after an error, which
//! is returned as the last item.

use std::future::Future;
use std::pin::Pin;

use crate::error::SdkError;

/// A continuation token: text for most services, a map of values for some (DynamoDB's
/// `LastEvaluatedKey`).
pub trait Token: Clone + PartialEq + Send + 'static {
    /// Whether the token says that there is no next page (it is empty).
    fn is_end(&self) -> bool;
}

impl Token for String {
    fn is_end(&self) -> bool {
        self.is_empty()
    }
}

impl<V: Clone + PartialEq + Send + 'static> Token for std::collections::HashMap<String, V> {
    fn is_end(&self) -> bool {
        self.is_empty()
    }
}

/// The request for one page, given the continuation token (none for the first page).
pub(crate) type FetchPage<T, E, K> = Box<dyn FnMut(Option<K>) -> Pin<Box<dyn Future<Output = Result<T, SdkError<E>>> + Send>> + Send>;

/// Where a paginator stands.
enum State<E, K> {
    /// The first page is next, with the token the input was given (if any).
    First,
    /// The page after this token is next.
    After(K),
    /// The input was invalid: this error is next, then the end.
    #[allow(dead_code)] // See `Pages::failed`.
    Failed(SdkError<E>),
    /// Nothing more to fetch.
    Done,
}

/// The pages of a paginated operation, fetched one request at a time by [`next`](Pages::next).
pub struct Pages<T, E, K = String> {
    fetch: Option<FetchPage<T, E, K>>,
    token: fn(&T) -> Option<&K>,
    state: State<E, K>,
    /// Every token sent so far (a page of results each).
    sent: Vec<K>,
}

impl<T, E, K: Token> Pages<T, E, K> {
    /// Pages from a page request and where a page keeps the next token.
    pub(crate) fn new(fetch: FetchPage<T, E, K>, token: fn(&T) -> Option<&K>) -> Self {
        Pages { fetch: Some(fetch), token, state: State::First, sent: Default::default() }
    }

    /// Pages that yield this error (an invalid input) and end.
    #[allow(dead_code)] // Only operations with required input members can fail to build.
    pub(crate) fn failed(error: SdkError<E>) -> Self {
        Pages { fetch: None, token: |_| None, state: State::Failed(error), sent: Default::default() }
    }

    /// The next page: `None` once pagination has ended.
    pub async fn next(&mut self) -> Option<Result<T, SdkError<E>>> {
        let sent = match std::mem::replace(&mut self.state, State::Done) {
            State::Done => return None,
            State::Failed(error) => return Some(Err(error)),
            State::First => None,
            State::After(token) => Some(token),
        };
        let fetch = self.fetch.as_mut()?;
        if let Some(token) = &sent {
            self.sent.push(token.clone());
        }
        let result = fetch(sent).await;
        if let Ok(page) = &result {
            match (self.token)(page) {
                Some(next) if !next.is_end() && !self.sent.contains(next) => self.state = State::After(next.clone()),
                _ => {}
            }
        }
        Some(result)
    }

    /// Every remaining page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, SdkError<E>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    /// The items of each page, taken out by `items`.
    #[allow(dead_code)] // Only paginators with an `items` path use it.
    pub(crate) fn items<I>(self, items: fn(T) -> Vec<I>) -> Items<T, E, I, K> {
        Items { pages: self, items, current: Vec::new().into_iter() }
    }
}

impl<T, E, K> std::fmt::Debug for Pages<T, E, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is the service's cursor, not a secret, but nothing here helps to see.
        let state = match self.state {
            State::First => "first page next",
            State::After(_) => "more pages",
            State::Failed(_) => "invalid input",
            State::Done => "done",
        };
        f.debug_struct("Pages").field("state", &state).finish_non_exhaustive()
    }
}

/// The items of the pages of a paginated operation, one at a time, fetching a page when
/// the ones before are used up.
pub struct Items<T, E, I, K = String> {
    pages: Pages<T, E, K>,
    items: fn(T) -> Vec<I>,
    current: std::vec::IntoIter<I>,
}

impl<T, E, I, K: Token> Items<T, E, I, K> {
    /// The next item: `None` once the last page's items are yielded.
    pub async fn next(&mut self) -> Option<Result<I, SdkError<E>>> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.current = (self.items)(page).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }

    /// Every remaining item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<I>, SdkError<E>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

impl<T, E, I, K> std::fmt::Debug for Items<T, E, I, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.current.len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A page: its items and its next token.
    type Page = (Vec<u32>, Option<String>);
    /// The tokens sent, in order.
    type Log = Arc<Mutex<Vec<Option<String>>>>;

    /// Pages that answer from a script (by the token sent; `None` is the first request),
    /// recording the tokens sent. A token missing from the script is a service error.
    /// For each token the service expects (`None`: the first request), the page it returns.
    type Script = Vec<(Option<&'static str>, (Vec<u32>, Option<&'static str>))>;

    fn scripted(script: Script) -> (Pages<Page, &'static str>, Log) {
        let script: Vec<(Option<&'static str>, Page)> = script.into_iter().map(|(t, (items, next))| (t, (items, next.map(str::to_owned)))).collect();
        let log = Arc::new(Mutex::new(Vec::new()));
        let seen = log.clone();
        let fetch: FetchPage<Page, &'static str, String> = Box::new(move |token: Option<String>| {
            seen.lock().unwrap().push(token.clone());
            let page = script.iter().find(|(t, _)| t.map(str::to_owned) == token).map(|(_, page)| page.clone());
            Box::pin(async move { page.ok_or(SdkError::Service("no such page")) })
        });
        (Pages::new(fetch, |page| page.1.as_ref()), log)
    }

    fn sent(log: &Log) -> Vec<Option<String>> {
        log.lock().unwrap().clone()
    }

    #[tokio::test]
    async fn pages_follow_tokens_until_one_is_missing_or_empty() {
        let (pages, log) = scripted(vec![(None, (vec![1], Some("a"))), (Some("a"), (vec![2, 3], Some("b"))), (Some("b"), (vec![], None))]);
        assert_eq!(pages.items(|page| page.0).try_collect().await.unwrap(), [1, 2, 3]);
        assert_eq!(sent(&log), [None, Some("a".into()), Some("b".into())]);

        let (pages, log) = scripted(vec![(None, (vec![1], Some("")))]);
        assert_eq!(pages.try_collect().await.unwrap().len(), 1);
        assert_eq!(sent(&log).len(), 1);
    }

    #[tokio::test]
    async fn a_token_sent_before_ends_the_pages() {
        // Back to back, and a cycle of two.
        let (pages, log) = scripted(vec![(None, (vec![1], Some("a"))), (Some("a"), (vec![2], Some("a")))]);
        assert_eq!(pages.try_collect().await.unwrap().len(), 2);
        assert_eq!(sent(&log).len(), 2);
        let (pages, log) = scripted(vec![(None, (vec![1], Some("a"))), (Some("a"), (vec![2], Some("b"))), (Some("b"), (vec![3], Some("a")))]);
        assert_eq!(pages.items(|page| page.0).try_collect().await.unwrap(), [1, 2, 3]);
        assert_eq!(sent(&log), [None, Some("a".into()), Some("b".into())]);
    }

    #[tokio::test]
    async fn map_tokens_are_passed_on_and_end_when_empty() {
        use std::collections::HashMap;
        type Key = HashMap<String, u32>;
        let key = |n: u32| Key::from([("id".to_owned(), n)]);
        let log: Arc<Mutex<Vec<Option<Key>>>> = Arc::default();
        let seen = log.clone();
        let fetch: FetchPage<(u32, Option<Key>), &'static str, Key> = Box::new(move |token: Option<Key>| {
            seen.lock().unwrap().push(token.clone());
            let page = match token.as_ref().and_then(|k| k.get("id")) {
                None => (1, Some(key(7))),
                Some(7) => (2, Some(Key::new())),
                Some(_) => (0, None),
            };
            Box::pin(async move { Ok(page) })
        });
        let pages = Pages::new(fetch, |page: &(u32, Option<Key>)| page.1.as_ref());
        let got: Vec<u32> = pages.try_collect().await.unwrap().into_iter().map(|p| p.0).collect();
        assert_eq!(got, [1, 2]);
        assert_eq!(*log.lock().unwrap(), [None, Some(key(7))]);
    }

    #[tokio::test]
    async fn an_error_is_the_last_item() {
        let (mut pages, log) = scripted(vec![(None, (vec![1], Some("gone")))]);
        assert!(pages.next().await.unwrap().is_ok());
        assert!(matches!(pages.next().await, Some(Err(SdkError::Service("no such page")))));
        assert!(pages.next().await.is_none());
        assert_eq!(sent(&log).len(), 2);

        let mut failed: Pages<Page, &'static str> = Pages::failed(SdkError::Service("invalid input"));
        assert_eq!(format!("{failed:?}"), "Pages { state: \"invalid input\", .. }");
        assert!(matches!(failed.next().await, Some(Err(SdkError::Service("invalid input")))));
        assert!(failed.next().await.is_none());
    }
}
