//! The names a shell completes (`yaodian complete`): target and item ids, plan ids and the
//! items whose departments are listed. Each is one short read transaction that reads keys,
//! or only the item records, never the targets' or the log's; linear in what it returns.

use super::schema::{ITEMS, PLANS, TARGETS};
use super::{ItemRecord, Store, StoreError, plan_rows};
use crate::core::model::Item;
use redb::{ReadableTable, TableDefinition};

impl Store {
    /// Ids of the plan's targets that start with `prefix`, in key order.
    pub fn target_ids(&self, plan_id: &str, prefix: &str) -> Result<Vec<String>, StoreError> {
        self.ids(TARGETS, plan_id, prefix)
    }

    /// Ids of the plan's items that start with `prefix`, in key order.
    pub fn item_ids(&self, plan_id: &str, prefix: &str) -> Result<Vec<String>, StoreError> {
        self.ids(ITEMS, plan_id, prefix)
    }

    /// Ids of the plans in the database, in key order.
    pub fn plan_ids(&self) -> Result<Vec<String>, StoreError> {
        let txn = self.read_txn()?;
        let plans = txn.open_table(PLANS)?;
        let mut out = Vec::new();
        for entry in plans.iter()? {
            out.push(entry?.0.value().to_string());
        }
        Ok(out)
    }

    /// The plan's items (without their states), in key order.
    pub fn items(&self, plan_id: &str) -> Result<Vec<Item>, StoreError> {
        let txn = self.read_txn()?;
        let items = txn.open_table(ITEMS)?;
        let records: Vec<ItemRecord> = plan_rows(&items, plan_id, "items")?;
        Ok(records.into_iter().map(|r| r.item).collect())
    }

    /// Keys `(plan_id, id)` of `table` whose id starts with `prefix`: one range from the first
    /// such key, stopping at the first that is not.
    fn ids(
        &self,
        table: TableDefinition<(&str, &str), &[u8]>,
        plan_id: &str,
        prefix: &str,
    ) -> Result<Vec<String>, StoreError> {
        let txn = self.read_txn()?;
        let table = txn.open_table(table)?;
        let mut out = Vec::new();
        for entry in table.range((plan_id, prefix)..)? {
            let (k, _) = entry?;
            let (plan, id) = k.value();
            if plan != plan_id || !id.starts_with(prefix) {
                break;
            }
            out.push(id.to_string());
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::core::identity::Actor;
    use crate::core::store::tests::sample_plan;
    use crate::core::store::{OpenOptions, Store};

    #[test]
    fn ids_by_prefix_plans_and_items() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("n.redb"), OpenOptions::default()).expect("open");
        let plan = sample_plan();
        store.import(&plan, false, &Actor { user: "t".into(), uid: 1000 }).expect("import");
        let mut all: Vec<String> = plan.targets.iter().map(|t| t.id.clone()).collect();
        all.sort();
        assert_eq!(store.target_ids(&plan.id, "").expect("ids"), all);
        let first = &plan.targets[0].id;
        let prefix = &first[..first.len() - 1];
        let some = store.target_ids(&plan.id, prefix).expect("ids");
        assert!(!some.is_empty() && some.iter().all(|id| id.starts_with(prefix)), "{some:?}");
        assert_eq!(
            some,
            all.iter().filter(|id| id.starts_with(prefix)).cloned().collect::<Vec<_>>()
        );
        assert!(store.target_ids(&plan.id, "zz").expect("ids").is_empty());
        assert!(store.target_ids("no such plan", "").expect("ids").is_empty());
        let mut items: Vec<String> = plan.items.iter().map(|i| i.id.clone()).collect();
        items.sort();
        assert_eq!(store.item_ids(&plan.id, "").expect("ids"), items);
        assert_eq!(store.plan_ids().expect("plans"), vec![plan.id.clone()]);
        let read = store.items(&plan.id).expect("items");
        assert_eq!(read.len(), plan.items.len());
        assert!(read.iter().all(|i| plan.items.contains(i)));
    }
}
