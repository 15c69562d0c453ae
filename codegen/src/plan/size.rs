//! Estimated sizes of generated Rust types, in bytes, so that an enum whose variants
//! differ greatly in size boxes the large ones (as `clippy::large_enum_variant` asks, over
//! a 200-byte difference). An estimate, on the large side for aggregates: it only has to
//! tell a variant of a few machine words from one that holds a whole structure.

use super::context::Ctx;
use crate::model::{ShapeId, ShapeKind, Simple};

/// What `ErrorMetadata` holds: a code, a message and a request id, a status.
pub const ERROR_METADATA: usize = 80;

/// A variant larger than the next largest by more than this is boxed (clippy warns past
/// 200 bytes; the margin absorbs the estimate's error).
pub const BOX_OVER: usize = 150;

/// The estimated size of a value of shape `id`, `optional` when in an `Option`.
pub fn value_size(ctx: &Ctx<'_>, id: &ShapeId, optional: bool, depth: usize) -> usize {
    let Some(shape) = ctx.model.get(id) else { return 8 };
    // Types with a niche (a pointer inside) cost nothing more in an `Option`.
    let (size, niche) = match &shape.kind {
        ShapeKind::Simple(Simple::Boolean | Simple::Byte) => (1, false),
        ShapeKind::Simple(Simple::Short) => (2, false),
        ShapeKind::Simple(Simple::Integer | Simple::Float) => (4, false),
        ShapeKind::Simple(Simple::Long | Simple::Double) => (8, false),
        ShapeKind::Simple(Simple::Timestamp) => (16, false),
        ShapeKind::Simple(Simple::Document) => (56, true),
        ShapeKind::Simple(_) | ShapeKind::List(_) | ShapeKind::Enum(_) => (24, true),
        ShapeKind::Map { .. } => (48, true),
        ShapeKind::IntEnum(_) => (8, false),
        ShapeKind::Structure(_) if depth > 16 => (8, true),
        ShapeKind::Structure(_) => (structure_size(ctx, id, depth + 1), false),
        ShapeKind::Union(members) => (8 + members.values().map(|m| value_size(ctx, &m.target, false, depth + 1)).max().unwrap_or(0), false),
        _ => (8, false),
    };
    if optional && !niche { size + size.min(8) } else { size }
}

/// The estimated size of a structure: its members (optional ones in `Option`s, boxed ones
/// a pointer), and the metadata of an error.
pub fn structure_size(ctx: &Ctx<'_>, id: &ShapeId, depth: usize) -> usize {
    let Ok(members) = ctx.model.structure_members(id) else { return 8 };
    let fields: usize =
        members.values().map(|m| if ctx.needs_box(id, m) { 8 } else { value_size(ctx, &m.target, !m.traits.is_required(), depth) }).sum();
    let meta = if ctx.model.get(id).is_some_and(|s| s.traits.error().is_some()) { ERROR_METADATA } else { 0 };
    (fields + meta).div_ceil(8) * 8
}

/// Which of these estimated variant sizes to box: those larger than the largest of the
/// rest by more than [`BOX_OVER`].
pub fn boxed_variants(sizes: &[usize]) -> Vec<bool> {
    sizes
        .iter()
        .enumerate()
        .map(|(i, size)| {
            let others = sizes.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, s)| *s).max().unwrap_or(0);
            *size > others + BOX_OVER
        })
        .collect()
}

/// Whether member `name` of union `union` is boxed for its size (not for recursion): its
/// variant would be far larger than every other, `Unknown` included.
pub fn boxed_for_size(ctx: &Ctx<'_>, union: &ShapeId, name: &str) -> bool {
    let Some(ShapeKind::Union(members)) = ctx.model.get(union).map(|s| &s.kind) else { return false };
    let mut sizes: Vec<usize> = members.values().map(|m| if ctx.needs_box(union, m) { 8 } else { value_size(ctx, &m.target, false, 0) }).collect();
    // `Unknown` holds nothing.
    sizes.push(0);
    let boxed = boxed_variants(&sizes);
    members.keys().zip(boxed).any(|(member, boxed)| boxed && member == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_variants_far_above_the_rest_are_boxed() {
        assert_eq!(boxed_variants(&[80, 88, 1000]), [false, false, true]);
        assert_eq!(boxed_variants(&[80, 88, 200]), [false, false, false]);
        assert_eq!(boxed_variants(&[1000, 1000, 80]), [false, false, false]);
        assert_eq!(boxed_variants(&[400]), [true]);
        assert_eq!(boxed_variants(&[]), Vec::<bool>::new());
    }
}
