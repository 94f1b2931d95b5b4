//! Table definitions and the schema version of a yaodian database.

use redb::TableDefinition;

/// Schema version written by this build. Opening a file with a higher one is refused.
pub const SCHEMA_VERSION: u32 = 1;

/// Marker stored under [`META_MAGIC`] so a yaodian database is told from other redb files.
pub const MAGIC: &[u8] = b"yaodian";

/// `meta`: schema version, change counter, the last imported plan.
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
pub const META_MAGIC: &str = "magic";
pub const META_SCHEMA: &str = "schema";
/// Bumped by every write transaction; readers poll it to notice other processes' writes.
pub const META_COUNTER: &str = "counter";
/// Id of the plan imported last: the default when several plans exist.
pub const META_CURRENT_PLAN: &str = "current_plan";

/// plan id → `PlanRecord` (the plan's structure above items).
pub const PLANS: TableDefinition<&str, &[u8]> = TableDefinition::new("plans");
/// (plan id, item id) → `ItemRecord`.
pub const ITEMS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("items");
/// (plan id, target id) → `TargetRecord`.
pub const TARGETS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("targets");
/// (plan id, sequence) → `Update`: the append-only log.
pub const UPDATES: TableDefinition<(&str, u64), &[u8]> = TableDefinition::new("updates");
/// Unix user name → `Grant`.
pub const ROLES: TableDefinition<&str, &[u8]> = TableDefinition::new("roles");
