//! The JMESPath steps of `rt/jmespath.rs`, all of them (generated crates get only those
//! they call, so the tests live here rather than in the copied file).

use std::collections::HashMap;

use crate::rt::jmespath::*;

#[test]
fn steps_follow_jmespath() {
    let items = vec![Some("a"), None, Some("b")];
    assert_eq!(list(&items, |i| *i), Some(vec!["a", "b"]));
    let m = HashMap::from([("z".to_owned(), 1), ("a".to_owned(), 2)]);
    assert_eq!(map(&m, |v| Some(f64::from(*v))), Some(vec![("a", 2.0), ("z", 1.0)]));
    assert_eq!(keys(map(&m, |v| Some(*v))), Some(vec!["a", "z"]));
    assert_eq!(values(map(&m, |v| Some(*v))), Some(vec![2, 1]));
    assert_eq!(key(map(&m, |v| Some(*v)), "z"), Some(1));
    assert_eq!(key(map(&m, |v| Some(*v)), "y"), None);
    assert_eq!(index(Some(vec![1, 2, 3]), -1), Some(3));
    assert_eq!(index(Some(vec![1, 2, 3]), -4), None);
    assert_eq!(index(Some(vec![1, 2, 3]), 3), None);
    assert_eq!(project(Some(vec![1, 2, 3]), |x| (x != 2).then_some(x * 10)), Some(vec![10, 30]));
    assert_eq!(flatten(Some(vec![vec![1], vec![], vec![2, 3]])), Some(vec![1, 2, 3]));
    assert_eq!(filter(Some(vec!["a", "bb", "c"]), |s| s.map(|s| s.len() == 1)), Some(vec!["a", "c"]));
    assert_eq!(length(Some(vec![1, 2])), Some(2.0));
    assert_eq!(length_str(Some("héllo")), Some(5.0));
    assert_eq!(contains(Some(vec!["a"]), Some("a")), Some(true));
    assert_eq!(equal::<&str>(None, None), Some(true));
    assert_eq!(order(Some(1.0), Some(2.0), |a, b| a < b), Some(true));
    assert_eq!(order(None, Some(2.0), |a, b| a < b), None);
    assert_eq!(and(None, Some(true)), None);
    assert_eq!(and(Some(true), Some(false)), Some(false));
    assert_eq!(or(Some(false), Some(true)), Some(true));
    assert_eq!(or(None, None), None);
    assert_eq!((not(None), not(Some(true))), (Some(true), Some(false)));
    assert!(all_equal(Some(vec!["A", "A"]), "A") && !all_equal(Some(vec![]), "A") && !all_equal(Some(vec!["A", "B"]), "A"));
    assert!(any_equal(Some(vec!["B", "A"]), "A") && !any_equal(None, "A"));
}
