//! The store's refusals ([`Refusal`]): what the user asked that may not be done, worded for
//! both front ends. The English words are those of the refusal's own `Display`.

use super::{Lang, Tr, catalogue, errors};
use crate::core::store::{Attempt, Refusal, TargetDefError};

catalogue! {
    NO_PLAN: "数据库中还没有计划；请先导入一个（yaodian import FILE）",
        "the database holds no plan; import one first";
    UNKNOWN_PLAN: "数据库中没有计划“{plan}”", "no plan \"{plan}\" in this database";
    PLAN_EXISTS: "计划“{plan}”已存在；要重新导入请加 --replace",
        "plan \"{plan}\" exists already; use --replace to re-import it";
    UNKNOWN_TARGET: "本计划中没有指标“{target}”", "no target \"{target}\" in this plan";
    UNKNOWN_ITEM: "本计划中没有事项“{item}”", "no item \"{item}\" in this plan";
    UNDO_OVERWRITES: "撤销你对 {subject} 的修改会覆盖 {others} 此后的修改；请直接修改",
        "undoing your change to {subject} would overwrite what {others} changed since; change it by hand instead";
    BAD_BACKUP: "备份中的记录不可信：{subject}：{first}{more}；没有恢复任何内容",
        "the backup's log is not a true log: {subject}: {first}{more}; nothing was restored";
    MORE_PROBLEMS: "（另有 {more} 个问题）", " (and {more} more problems)";
    NO_ROLE: "{user} 没有角色", "{user} has no role";
    NOT_SUMMED: "指标 {target} 是测量值（水平），不能累加：请用 set 填报当前值",
        "target {target} is a level (measured, not summed): record its value with set";
    NO_GOAL_YET: "指标 {target} 的目标是相对起点的变化，起点值尚未填报：请先用 set 填报当前值",
        "target {target}: its goal is a change from its starting value, which is not recorded yet; record the value with set";
    BAD_VALUE: "指标 {target}：{value} 不是有效的数值：{reason}",
        "target {target}: {value} is not a valid value: {reason}";
    DENIED: "{user} 无权{attempt}：{who}", "{user} may not {attempt}: {who}";
    INVALID_TARGET: "指标 {target}：{reason}", "target {target}: {reason}";
    NOTHING_TO_UNDO: "没有你可以撤销的修改", "nothing of yours to undo";
    READ_ONLY: "数据库以只读方式打开，不能修改", "the database is open read-only";
    IMPORT_PLAN: "导入计划", "import a plan";
    EDIT_TARGETS: "新增或修改指标", "add or edit targets";
    UNDO_TARGET_EDIT: "撤销指标的修改", "undo a target edit";
    GRANT_ROLES: "授予角色", "grant roles";
    REVOKE_ROLES: "撤销角色", "revoke roles";
    EDIT_SETTINGS: "修改计划设置", "change the plan's settings";
    UNDO_SETTINGS: "撤销设置修改", "undo a settings change";
    EDIT_ITEM: "修改第 {item} 项（{departments}）", "edit item {item} ({departments})";
    EDIT_ITEM_NO_DEPARTMENT: "修改第 {item} 项（未明确科室）", "edit item {item} (no department)";
    EDIT_THEME_TARGET: "修改主题整体指标", "edit a theme-level target";
    ONLY_ADMIN: "只有管理员可以（{names}）", "only an admin may ({names})";
    ONLY: "只有 {names} 可以", "only {names} may";
    NO_ONE: "目前没有人获得授权", "no one is granted it yet";
    BAD_ID: "编号不能为空，也不能含空格", "the id must be non-empty and without spaces";
    NO_NAME: "名称不能为空", "the name must not be empty";
    BAD_GOAL: "目标须为大于 0 的数字", "the goal must be a number above 0";
    MILESTONE_GOAL: "里程碑的目标是 1", "a milestone's goal is 1";
}

/// A refusal as one line in `lang`.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    match r {
        Refusal::NoPlan => NO_PLAN.get(lang).to_string(),
        Refusal::UnknownPlan(plan) => UNKNOWN_PLAN.fill(lang, &[("plan", plan)]),
        Refusal::PlanExists(plan) => PLAN_EXISTS.fill(lang, &[("plan", plan)]),
        Refusal::UnknownTarget(target) => UNKNOWN_TARGET.fill(lang, &[("target", target)]),
        Refusal::UnknownItem(item) => UNKNOWN_ITEM.fill(lang, &[("item", item)]),
        Refusal::BadValue { target, value, reason } => BAD_VALUE.fill(
            lang,
            &[
                ("target", target),
                ("value", &crate::core::model::fmt_num(*value)),
                ("reason", &errors::value(reason, lang)),
            ],
        ),
        Refusal::Denied { user, attempt, may } => DENIED.fill(
            lang,
            &[
                ("user", user),
                ("attempt", &self::attempt(attempt, lang)),
                ("who", &who_may(attempt, may, lang)),
            ],
        ),
        Refusal::InvalidTarget { target, reason } => INVALID_TARGET
            .fill(lang, &[("target", target), ("reason", &target_def(*reason).get(lang))]),
        Refusal::NotSummed(target) => NOT_SUMMED.fill(lang, &[("target", target)]),
        Refusal::NoGoalYet(target) => NO_GOAL_YET.fill(lang, &[("target", target)]),
        Refusal::NothingToUndo => NOTHING_TO_UNDO.get(lang).to_string(),
        Refusal::UndoOverwrites { subject, others } => {
            let sep = if lang == Lang::Zh { "、" } else { ", " };
            UNDO_OVERWRITES.fill(lang, &[("subject", subject), ("others", &others.join(sep))])
        }
        Refusal::BadBackup { subject, first, more } => {
            let more =
                if *more > 0 { MORE_PROBLEMS.fill(lang, &[("more", more)]) } else { String::new() };
            let first = errors::log_wrong(first, lang);
            BAD_BACKUP.fill(lang, &[("subject", subject), ("first", &first), ("more", &more)])
        }
        Refusal::NoRole(user) => NO_ROLE.fill(lang, &[("user", user)]),
        Refusal::ReadOnly => READ_ONLY.get(lang).to_string(),
    }
}

/// What a user tried that their role does not allow.
pub fn attempt(a: &Attempt, lang: Lang) -> String {
    let plain = |t: Tr| t.get(lang).to_string();
    match a {
        Attempt::ImportPlan => plain(IMPORT_PLAN),
        Attempt::EditTargets => plain(EDIT_TARGETS),
        Attempt::UndoTargetEdit => plain(UNDO_TARGET_EDIT),
        Attempt::GrantRoles => plain(GRANT_ROLES),
        Attempt::RevokeRoles => plain(REVOKE_ROLES),
        Attempt::EditSettings => plain(EDIT_SETTINGS),
        Attempt::UndoSettings => plain(UNDO_SETTINGS),
        Attempt::EditItem { item, departments } if departments.is_empty() => {
            EDIT_ITEM_NO_DEPARTMENT.fill(lang, &[("item", item)])
        }
        Attempt::EditItem { item, departments } => EDIT_ITEM
            .fill(lang, &[("item", item), ("departments", &super::list(departments, lang))]),
        Attempt::EditThemeTarget => plain(EDIT_THEME_TARGET),
    }
}

/// Who may do it: "only an admin may (root, wang)" or "only wang, li may".
fn who_may(attempt: &Attempt, may: &[String], lang: Lang) -> String {
    if may.is_empty() {
        return NO_ONE.get(lang).to_string();
    }
    let names = super::list(may, lang);
    let t = if attempt.admin_only() { ONLY_ADMIN } else { ONLY };
    t.fill(lang, &[("names", &names)])
}

/// Why a hand-made target definition is refused.
pub fn target_def(e: TargetDefError) -> Tr {
    match e {
        TargetDefError::BadId => BAD_ID,
        TargetDefError::NoName => NO_NAME,
        TargetDefError::BadGoal => BAD_GOAL,
        TargetDefError::MilestoneGoal => MILESTONE_GOAL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::ValueError;

    fn all() -> Vec<Refusal> {
        let item = |d: &[&str]| Attempt::EditItem {
            item: "18".into(),
            departments: d.iter().map(ToString::to_string).collect(),
        };
        let attempts = [
            Attempt::ImportPlan,
            Attempt::EditTargets,
            Attempt::UndoTargetEdit,
            Attempt::GrantRoles,
            Attempt::RevokeRoles,
            Attempt::EditSettings,
            Attempt::UndoSettings,
            item(&["**产业科", "办公室"]),
            item(&[]),
            Attempt::EditThemeTarget,
        ];
        let mut all = vec![
            Refusal::NoPlan,
            Refusal::UnknownPlan("1999".into()),
            Refusal::PlanExists("2023".into()),
            Refusal::UnknownTarget("99.9".into()),
            Refusal::UnknownItem("77".into()),
            Refusal::BadValue { target: "1.1".into(), value: 1.5, reason: ValueError::NotBinary },
            Refusal::NothingToUndo,
            Refusal::ReadOnly,
            Refusal::NotSummed("3.2".into()),
            Refusal::NoGoalYet("3.3".into()),
            Refusal::UndoOverwrites { subject: "2".into(), others: vec!["zhao".into()] },
            Refusal::BadBackup {
                subject: "13.1".into(),
                first: crate::core::store::LogWrong::OutOfSequence { seq: 3 },
                more: 0,
            },
            Refusal::BadBackup {
                subject: "13.1".into(),
                first: crate::core::store::LogWrong::Discontinuous {
                    seq: 4,
                    target: "13.1".into(),
                    old: 50.0,
                    reached: 10.0,
                },
                more: 2,
            },
            Refusal::NoRole("zhao".into()),
        ];
        for may in [vec![], vec!["boss".to_string(), "root".to_string()]] {
            for a in &attempts {
                all.push(Refusal::Denied {
                    user: "zhao".into(),
                    attempt: a.clone(),
                    may: may.clone(),
                });
            }
        }
        for reason in [
            TargetDefError::BadId,
            TargetDefError::NoName,
            TargetDefError::BadGoal,
            TargetDefError::MilestoneGoal,
        ] {
            all.push(Refusal::InvalidTarget { target: "1.9".into(), reason });
        }
        all
    }

    /// In English a refusal reads as its own `Display` (what logs and tests see); in Chinese
    /// it has no English word but names, ids and commands.
    #[test]
    fn every_refusal_reads_in_both_languages() {
        for r in all() {
            assert_eq!(refusal(&r, Lang::En), r.to_string());
            let zh = refusal(&r, Lang::Zh);
            assert!(
                super::super::english_words(&zh)
                    .iter()
                    .all(|w| ["zhao", "boss", "root"].contains(&w.as_str())),
                "{zh}"
            );
        }
    }
}
