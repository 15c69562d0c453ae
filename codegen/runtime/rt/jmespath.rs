//! The steps that compiled JMESPath expressions (waiters, `operationContextParams`) are
//! made of. The generator types every expression at generation time; here each value is an
//! `Option` (JMESPath's null is `None`): `bool`, `f64`, `&str`, a reference to a structure
//! or union, a `Vec` for an array, a `Vec` of key–value pairs (sorted by key) for a map.
//! Each helper is copied into a generated crate only when its code calls it.

// codegen:if-used crate::rt::jmespath::get
/// `f` on a value that is not null.
pub(crate) fn get<T, R>(value: Option<T>, f: impl FnOnce(T) -> Option<R>) -> Option<R> {
    value.and_then(f)
}
// codegen:end

// codegen:if-used crate::rt::jmespath::list
/// A list member as a JMESPath array (nulls, in sparse lists, left out).
pub(crate) fn list<'a, T, R>(items: &'a [T], f: impl FnMut(&'a T) -> Option<R>) -> Option<Vec<R>> {
    Some(items.iter().filter_map(f).collect())
}
// codegen:end

// codegen:if-used crate::rt::jmespath::map
/// A map member as a JMESPath object: its entries sorted by key.
pub(crate) fn map<'a, V, R>(entries: &'a std::collections::HashMap<String, V>, mut f: impl FnMut(&'a V) -> Option<R>) -> Option<Vec<(&'a str, R)>> {
    let mut out: Vec<(&'a str, R)> = entries.iter().filter_map(|(k, v)| f(v).map(|r| (k.as_str(), r))).collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    Some(out)
}
// codegen:end

// codegen:if-used crate::rt::jmespath::key
/// `object.key` on a map.
pub(crate) fn key<R>(object: Option<Vec<(&str, R)>>, key: &str) -> Option<R> {
    object?.into_iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}
// codegen:end

// codegen:if-used crate::rt::jmespath::index
/// `array[index]`, negative from the end.
pub(crate) fn index<T>(array: Option<Vec<T>>, index: i64) -> Option<T> {
    let array = array?;
    let at = if index < 0 { array.len().checked_sub(index.unsigned_abs() as usize)? } else { index as usize };
    array.into_iter().nth(at)
}
// codegen:end

// codegen:if-used crate::rt::jmespath::project
/// A projection: `f` on each element, nulls dropped.
pub(crate) fn project<T, R>(array: Option<Vec<T>>, f: impl FnMut(T) -> Option<R>) -> Option<Vec<R>> {
    Some(array?.into_iter().filter_map(f).collect())
}
// codegen:end

// codegen:if-used crate::rt::jmespath::flatten
/// `array[]` of an array of arrays: one level flattened.
pub(crate) fn flatten<T>(array: Option<Vec<Vec<T>>>) -> Option<Vec<T>> {
    Some(array?.into_iter().flatten().collect())
}
// codegen:end

// codegen:if-used crate::rt::jmespath::filter
/// `array[?condition]`: the elements the condition is true for.
pub(crate) fn filter<T: Clone>(array: Option<Vec<T>>, mut condition: impl FnMut(Option<T>) -> Option<bool>) -> Option<Vec<T>> {
    Some(array?.into_iter().filter(|item| condition(Some(item.clone())) == Some(true)).collect())
}
// codegen:end

// codegen:if-used crate::rt::jmespath::values
/// The values of a map, as an array.
pub(crate) fn values<R>(object: Option<Vec<(&str, R)>>) -> Option<Vec<R>> {
    Some(object?.into_iter().map(|(_, v)| v).collect())
}
// codegen:end

// codegen:if-used crate::rt::jmespath::keys
/// `keys(object)`.
pub(crate) fn keys<R>(object: Option<Vec<(&str, R)>>) -> Option<Vec<&str>> {
    Some(object?.into_iter().map(|(k, _)| k).collect())
}
// codegen:end

// codegen:if-used crate::rt::jmespath::length
/// `length(array)` and `length(object)`.
pub(crate) fn length<T>(array: Option<Vec<T>>) -> Option<f64> {
    array.map(|a| a.len() as f64)
}
// codegen:end

// codegen:if-used crate::rt::jmespath::length_str
/// `length(string)`: in code points.
pub(crate) fn length_str(text: Option<&str>) -> Option<f64> {
    text.map(|t| t.chars().count() as f64)
}
// codegen:end

// codegen:if-used crate::rt::jmespath::contains
/// `contains(array, value)`.
pub(crate) fn contains<T: PartialEq>(array: Option<Vec<T>>, value: Option<T>) -> Option<bool> {
    let value = value?;
    Some(array?.contains(&value))
}
// codegen:end

// codegen:if-used crate::rt::jmespath::equal
/// `==` (and `!=` negated): null equals only null.
pub(crate) fn equal<T: PartialEq>(a: Option<T>, b: Option<T>) -> Option<bool> {
    Some(a == b)
}
// codegen:end

// codegen:if-used crate::rt::jmespath::order
/// `<`, `<=`, `>`, `>=` on numbers: null when either side is not a number.
pub(crate) fn order(a: Option<f64>, b: Option<f64>, holds: fn(f64, f64) -> bool) -> Option<bool> {
    Some(holds(a?, b?))
}
// codegen:end

// codegen:if-used crate::rt::jmespath::and
/// `a && b` on booleans: `a` when it is not true (false or null), else `b`.
pub(crate) fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    if a == Some(true) { b } else { a }
}
// codegen:end

// codegen:if-used crate::rt::jmespath::or
/// `a || b` on booleans: `a` when it is true, else `b`.
pub(crate) fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    if a == Some(true) { a } else { b }
}
// codegen:end

// codegen:if-used crate::rt::jmespath::not
/// `!a` on a boolean (null is false, so `!null` is true).
pub(crate) fn not(a: Option<bool>) -> Option<bool> {
    Some(a != Some(true))
}
// codegen:end

// codegen:if-used crate::rt::jmespath::all_equal
/// The `allStringEquals` comparator: a non-empty array of that string only.
pub(crate) fn all_equal(array: Option<Vec<&str>>, expected: &str) -> bool {
    array.is_some_and(|a| !a.is_empty() && a.iter().all(|s| *s == expected))
}
// codegen:end

// codegen:if-used crate::rt::jmespath::any_equal
/// The `anyStringEquals` comparator.
pub(crate) fn any_equal(array: Option<Vec<&str>>, expected: &str) -> bool {
    array.is_some_and(|a| a.contains(&expected))
}
// codegen:end
