//! Table definitions and the schema version of a yaodian database.

use redb::TableDefinition;

/// Schema version written by this build. Opening a file with a higher one is refused.
/// 2: tallies (`briefs`, `theme_tallies`, `item_tallies`) kept by every write; a file of
/// schema 1 gets them on its first write by this build.
/// 3: a target added by hand keeps the day it was added (`TargetState::since`); an older
/// file gets those days from its log on its first write by this build (`store::upgrade`).
pub const SCHEMA_VERSION: u32 = 3;

/// Marker stored under [`META_MAGIC`] so a yaodian database is told from other redb files.
pub const MAGIC: &[u8] = b"yaodian";

/// `meta`: schema version, change counter, the last imported plan.
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
pub const META_MAGIC: &str = "magic";
pub const META_SCHEMA: &str = "schema";
/// Bumped by every write transaction; readers poll it to notice other processes' writes.
pub const META_COUNTER: &str = "counter";
/// Bumped, beside the counter, by every write that only appends a state change to a plan's
/// log (a value, a note, an item's status): a reader whose counter moved by exactly as much
/// as this knows that nothing but log entries came (no plan, definition, setting or grant
/// changed), and reads just those entries. Writers that do not know it (older builds) move
/// the counter alone, so their writes read as "something else changed".
pub const META_APPENDS: &str = "appends";
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
/// plan id → `tally::Brief` (sizes; present when the plan's tallies exist).
pub const BRIEFS: TableDefinition<&str, &[u8]> = TableDefinition::new("briefs");
/// (plan id, theme number) → `tally::Tally`.
pub const THEME_TALLIES: TableDefinition<(&str, u32), &[u8]> =
    TableDefinition::new("theme_tallies");
/// (plan id, item id) → `tally::Tally`.
pub const ITEM_TALLIES: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("item_tallies");
/// plan id → `PlanSettings` (reporting rhythm, due day, staleness); absent: the defaults.
/// Files written before it existed simply lack the table.
pub const PLAN_SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("plan_settings");
/// (plan id, item id) → the time of the item's latest report (a value of one of its targets,
/// its note or its status): what `brief` reads instead of the period's log.
pub const ITEM_REPORTS: TableDefinition<(&str, &str), i64> = TableDefinition::new("item_reports");
/// plan id → the log sequence number `ITEM_REPORTS` is up to date with. Any other number
/// (an older build wrote since) means the index is stale: readers go to the log, and the
/// next write by this build rebuilds it.
pub const REPORT_MARKS: TableDefinition<&str, u64> = TableDefinition::new("report_marks");
/// plan id → `cycle::Roster`: each item's id, due date and departments, in plan order, for
/// `brief` (which then reads no item record). Written with the tallies; valid while its
/// `imported_at` is the plan's (an import by an older build leaves it stale, and unread).
pub const ROSTERS: TableDefinition<&str, &[u8]> = TableDefinition::new("rosters");
