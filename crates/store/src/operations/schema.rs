//! Which tables a copy carries and in what order, from the catalogues of both databases: every
//! table but the migration record, each after the tables it refers to; and the check that the
//! two databases have the same tables and columns, so that nothing is left behind unseen.

use std::collections::{BTreeMap, BTreeSet};

use crate::dialect::catalogue::{Kind, Table};
use crate::error::{Result, StoreError};

/// Tables a copy leaves alone: the migration record belongs to each database, and the target
/// writes its own when it is migrated.
pub(crate) const NOT_COPIED: &[&str] = &["schema_migrations"];

/// The tables to copy, each after every table it refers to (ties by name, so the order is
/// the same every time).
pub(crate) fn in_order(tables: Vec<Table>) -> Result<Vec<Table>> {
    let mut waiting: BTreeMap<String, Table> = tables
        .into_iter()
        .filter(|t| !NOT_COPIED.contains(&t.name.as_str()))
        .map(|t| (t.name.clone(), t))
        .collect();
    let mut placed = BTreeSet::new();
    let mut out = Vec::with_capacity(waiting.len());
    while !waiting.is_empty() {
        let ready: Vec<String> = waiting
            .values()
            .filter(|t| {
                t.refers_to
                    .iter()
                    .all(|p| placed.contains(p) || !waiting.contains_key(p))
            })
            .map(|t| t.name.clone())
            .collect();
        if ready.is_empty() {
            return Err(StoreError::invalid(format!(
                "the tables {} refer to each other in a circle, so no order of copying them \
                 satisfies their references",
                waiting.keys().cloned().collect::<Vec<_>>().join(", ")
            )));
        }
        for name in ready {
            if let Some(t) = waiting.remove(&name) {
                placed.insert(name);
                out.push(t);
            }
        }
    }
    Ok(out)
}

/// Refuse a copy between databases whose tables or columns differ: a table or column only
/// the source has would be left behind.
pub(crate) fn same_shape(source: &[Table], target: &[Table]) -> Result<()> {
    let columns = |tables: &[Table]| -> BTreeMap<String, BTreeMap<String, Kind>> {
        tables
            .iter()
            .filter(|t| !NOT_COPIED.contains(&t.name.as_str()))
            .map(|t| {
                let cols = t.columns.iter().map(|c| (c.name.clone(), c.kind)).collect();
                (t.name.clone(), cols)
            })
            .collect()
    };
    let (from, to) = (columns(source), columns(target));
    for (table, cols) in &from {
        let Some(there) = to.get(table) else {
            return Err(StoreError::invalid(format!(
                "the table \"{table}\" of the database being copied is not in the schema of this \
                 Boardplan, so it would be left behind; nothing was copied. Use the Boardplan \
                 that wrote it"
            )));
        };
        if cols != there {
            return Err(StoreError::invalid(format!(
                "the columns of the table \"{table}\" differ between the two databases, so some \
                 would be left behind; nothing was copied. Use the Boardplan that wrote them"
            )));
        }
    }
    if let Some(table) = to.keys().find(|t| !from.contains_key(*t)) {
        return Err(StoreError::invalid(format!(
            "the table \"{table}\" of this Boardplan's schema is not in the database being \
             copied; nothing was copied"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::catalogue::Column;

    fn table(name: &str, refers_to: &[&str]) -> Table {
        Table {
            name: name.into(),
            columns: vec![Column {
                name: "id".into(),
                kind: Kind::Int,
                numbered: false,
            }],
            key: vec!["id".into()],
            refers_to: refers_to.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn names(tables: &[Table]) -> Vec<&str> {
        tables.iter().map(|t| t.name.as_str()).collect()
    }

    #[test]
    fn each_table_comes_after_those_it_refers_to_and_the_migration_record_is_left_alone() {
        let ordered = in_order(vec![
            table("a_updates", &["b_actions", "partnerships"]),
            table("b_actions", &["partnerships"]),
            table("partnerships", &[]),
            table("schema_migrations", &[]),
        ])
        .unwrap();
        assert_eq!(names(&ordered), ["partnerships", "b_actions", "a_updates"]);
    }

    #[test]
    fn tables_in_a_circle_are_named_rather_than_copied_in_a_failing_order() {
        let e = in_order(vec![table("x", &["y"]), table("y", &["x"])]).unwrap_err();
        assert!(e.to_string().contains("x, y"), "{e}");
    }

    #[test]
    fn a_table_only_the_source_has_is_named_and_refused() {
        let source = [table("partnerships", &[]), table("extra", &[])];
        let target = [table("partnerships", &[])];
        let e = same_shape(&source, &target).unwrap_err();
        assert!(e.to_string().contains("\"extra\""), "{e}");
        assert!(same_shape(&target, &target).is_ok());
    }

    #[test]
    fn a_column_only_the_source_has_is_refused() {
        let mut wider = table("partnerships", &[]);
        wider.columns.push(Column {
            name: "motto".into(),
            kind: Kind::Text,
            numbered: false,
        });
        let e = same_shape(&[wider], &[table("partnerships", &[])]).unwrap_err();
        assert!(e.to_string().contains("\"partnerships\""), "{e}");
    }
}
