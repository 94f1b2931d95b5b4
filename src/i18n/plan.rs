//! The words of a plan as the importer reads it back (`import --dry-run`), the kinds of
//! target, goals with their direction, and the files a plan comes in.

use super::catalogue;

catalogue! {
    KIND_MILESTONE: "节点", "milestone";
    KIND_RATE: "比率", "rate";
    KIND_LEVEL: "水平", "level";
    KIND_COUNT: "数量", "count";
    DOWN: "越低越好", "down";
    FROM: "起点 {start}", "from {start}";
    PLAN: "计划", "plan";
    YEAR: "年度", "year";
    READ_AS: "读取：{format}", "read as {format}";
    PREAMBLE: "前言", "preamble";
    NO_DEPARTMENT: "[未写责任单位]", "[no department]";
    LEAD: "牵头", "lead";
    SUPPORT: "配合", "support";
    DUE: "截止", "due";
    PART_OF: "属于", "part of";
    NOTES: "提示：", "notes:";
    DRY_RUN: "（试读，未写入数据库）", "(dry run: nothing was written)";
    /// A goal of about a figure: 约6.2.
    ABOUT: "约", "~";
    /// A goal of a change from the start: 较基期下降3% / 3% below start.
    CHANGE_DOWN: "较基期下降{by}", "{by} below start";
    CHANGE_UP: "较基期提高{by}", "{by} above start";
    FORMAT_DOCX: "Word文档（.docx）", "Word document (.docx)";
    FORMAT_XLSX: "Excel任务表（.xlsx）", "Excel task table (.xlsx)";
    FORMAT_TEXT: "{encoding}编码的文本", "{encoding} text";
    /// Between the names of a list: 办公室、群众体育科 / office, sports.
    LIST_SEP: "、", ", ";
    EMPTY_ROW: "此行没有任务内容，已跳过", "a row without a task, skipped";
}
