"""The filing report as a printable page in Chinese (纪实报备表), for the upper-level department."""

from __future__ import annotations

from html import escape
from typing import Any

STEP_NAMES = {"verify_determine": "核实认定", "propose": "提出建议", "decide": "组织决定",
              "talk": "谈话", "formalities": "履行任免程序"}
METHOD_NAMES = {"lateral_move": "平职调整", "transfer_to_rank_post": "转任职级公务员", "removal": "免职",
                "demotion": "降职", "early_retirement": "提前退休", "move_from_post": "调离岗位",
                "resignation_taking_responsibility": "引咎辞职", "ordered_resignation": "责令辞职",
                "change_to_non_leadership": "改任非领导职务"}
STYLE = ("body{font-family:'Noto Serif CJK SC','SimSun',serif;margin:2cm;}h1{text-align:center;}"
         "table{border-collapse:collapse;width:100%;margin-bottom:1.5em;page-break-inside:avoid;}"
         "th,td{border:1px solid #000;padding:4px 8px;vertical-align:top;text-align:left;}"
         "th{width:8em;background:#f2f2f2;}@media print{.case{page-break-after:always;}}")


def _text(value: Any) -> str:
    return escape("" if value is None else str(value))


def _basis(item: dict[str, Any]) -> str:
    basis = item["basis"]
    cited = "；".join(f"{c.get('pack_id')} {c.get('article')}" for c in basis["circumstances"])
    evidence = "、".join(str(e) for e in basis["evidence_refs"])
    return _text(f"情形：{cited or '未记录'}；证据：{evidence or '未记录'}")


def _procedure(item: dict[str, Any]) -> str:
    return "<br>".join(_text(f"{STEP_NAMES.get(p['step'], p['step'])}（{p['on']}，{p['by']}）")
                       for p in item["procedure"]) or "未记录"


def _arrangement(item: dict[str, Any]) -> str:
    a = item["arrangement"] or {}
    if not a:
        return "未记录"
    text = (f"{METHOD_NAMES.get(str(a.get('method')), a.get('method'))}：由“{a.get('former_post')}”"
            f"调整为“{a.get('new_post')}”（{a.get('former_rank')}→{a.get('new_rank')}），"
            f"{a.get('effective_on') or a.get('decided_on')}生效")
    for c in item["corrections"]:
        text += f"；经复核/申诉{'撤销' if c.get('outcome') == 'revoked' else '变更'}（{c.get('reason')}）"
    return _text(text)


def _follow_up(item: dict[str, Any]) -> str:
    f = item["follow_up"]
    if not f:
        return "未记录"
    parts = [f"影响期至{f.get('impact_period_ends_on') or '无'}",
             f"已开展{len(f.get('items', []))}项，遗漏{len(f.get('missed', []))}项"]
    if f.get("eligible_on"):
        parts.append(f"{f['eligible_on']}起符合重新任用条件")
    if f.get("reinstatement"):
        parts.append(f"重新任用决定：{f['reinstatement'].get('decision')}")
    return _text("；".join(parts))


def render_filing(report: dict[str, Any], status: dict[str, Any]) -> str:
    rows = []
    for n, item in enumerate(report["items"], start=1):
        cadre = item.get("cadre") or {}
        rows.append(
            f"<table class='case'><caption>{n}. {_text(cadre.get('name'))}（{_text(cadre.get('post'))}）"
            f"</caption><tr><th>调整原因</th><td>{_text(item['reason'] or '未记录')}</td></tr>"
            f"<tr><th>调整依据</th><td>{_basis(item)}</td></tr>"
            f"<tr><th>调整程序</th><td>{_procedure(item)}</td></tr>"
            f"<tr><th>安排方式</th><td>{_arrangement(item)}</td></tr>"
            f"<tr><th>后续管理</th><td>{_follow_up(item)}</td></tr>"
            f"<tr><th>经办（纪实）</th><td>{_text('、'.join(item['handlers']))}</td></tr></table>")
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{_text(report['year'])}年度不适宜担任现职干部调整纪实报备</title><style>{STYLE}</style></head>"
        f"<body><h1>{_text(report['year'])}年度不适宜担任现职干部调整纪实报备</h1>"
        f"<p>报备单位：{_text(report['org_dept'])}　报备时限：{_text(report['due_on'])}前（IM 32）"
        f"　调整人数：{report['adjustments']}　状态：{_text(status.get('state'))}</p>"
        f"{''.join(rows) or '<p>本年度无调整。</p>'}"
        f"<p>摘要（SHA-256）：{_text(report['digest'])}</p>{_checkpoint(report.get('checkpoint'))}"
        "</body></html>")


def _checkpoint(head: dict[str, Any] | None) -> str:
    """The audit log's signed checkpoint, printed so the upper level keeps a copy of it."""
    if not head:
        return ""
    return (f"<p>纪实库签名检查点：第{_text(head['seq'])}号，共{_text(head['tree_size'])}条，"
            f"根哈希 {_text(head['root'])}，签名 {_text(head['signature'])}"
            f"（Ed25519，密钥 {_text(head['key_id'])}，{_text(head['sealed_at'])}）</p>")
