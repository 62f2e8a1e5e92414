"""The demo's cadre register: a few dozen cadres across the demo organisation tree, imported as
each municipal organisation department would import its own personnel system's export."""

from __future__ import annotations

import csv
import io

import httpx

from shared.access.dev_issuer import DevIssuer
from shared.runner import principals

HEADER = ["干部编号", "姓名", "性别", "出生日期", "现任职务", "任职单位", "职级", "职务层次", "管理单位",
          "协管单位", "所属地区", "政策包", "角色", "状态", "任职日期"]
HEAD, MEMBER = "党委（党组）主要负责人", "党委（党组）成员"
BODY_HEAD, STAFF = "下属单位主要负责人", "一般干部"
# unit → (unit's name, managing department, [(name, gender, birth, post suffix, rank, level, role)])
UNITS: dict[str, tuple[str, str, list[tuple[str, str, str, str, str, str, str]]]] = {
    "unit:bt-housing-bureau": ("包头市住房和城乡建设局", "org:baotou-municipal", [
        ("王建国", "男", "1972-03-14", "局长", "正处级", "县处级正职", HEAD),
        ("刘秀梅", "女", "1976-08-02", "副局长", "副处级", "县处级副职", MEMBER),
        ("赵志强", "男", "1979-11-20", "副局长", "副处级", "县处级副职", MEMBER),
        ("孙丽娟", "女", "1984-05-09", "城建科科长", "正科级", "乡科级正职", STAFF),
        ("周鹏", "男", "1987-01-30", "房产科副科长", "副科级", "乡科级副职", STAFF)]),
    "unit:bt-finance-bureau": ("包头市财政局", "org:baotou-municipal", [
        ("陈立新", "男", "1970-06-18", "局长", "正处级", "县处级正职", HEAD),
        ("杨慧", "女", "1977-02-11", "副局长", "副处级", "县处级副职", MEMBER),
        ("黄海峰", "男", "1981-09-25", "预算科科长", "正科级", "乡科级正职", STAFF),
        ("吴敏", "女", "1985-12-03", "国库科科长", "正科级", "乡科级正职", STAFF)]),
    "unit:bt-education-bureau": ("包头市教育局", "org:baotou-municipal", [
        ("郭文辉", "男", "1971-04-07", "局长", "正处级", "县处级正职", HEAD),
        ("林雪", "女", "1978-10-16", "副局长", "副处级", "县处级副职", MEMBER),
        ("何斌", "男", "1983-07-22", "基础教育科科长", "正科级", "乡科级正职", STAFF),
        ("罗晨", "女", "1988-03-28", "人事科副科长", "副科级", "乡科级副职", STAFF)]),
    "unit:bt-transport-bureau": ("包头市交通运输局", "org:baotou-municipal", [
        ("郑宇", "男", "1973-01-12", "局长", "正处级", "县处级正职", HEAD),
        ("梁桂英", "女", "1975-05-19", "副局长", "副处级", "县处级副职", MEMBER),
        ("谢凯", "男", "1986-08-08", "综合科科长", "正科级", "乡科级正职", STAFF)]),
    "unit:bt-policy-research-office": ("中共包头市委政策研究室", "org:baotou-municipal", [
        ("宋明", "男", "1974-09-01", "主任", "正处级", "县处级正职", HEAD),
        ("唐欣", "女", "1982-11-11", "副主任", "副处级", "县处级副职", MEMBER)]),
    "unit:bt-kundulun-district": ("包头市昆都仑区", "org:baotou-municipal", [
        ("许建华", "男", "1969-12-24", "区委书记", "正处级", "县处级正职", HEAD),
        ("韩琳", "女", "1976-07-07", "区长", "正处级", "县处级正职", MEMBER),
        ("冯波", "男", "1980-02-14", "副区长", "副处级", "县处级副职", MEMBER),
        ("邓春燕", "女", "1984-04-04", "区委组织部副部长", "正科级", "乡科级正职", STAFF),
        ("曹力", "男", "1983-06-16", "街道党工委书记", "正科级", "乡科级正职", BODY_HEAD)]),
    "unit:hh-finance-bureau": ("呼和浩特市财政局", "org:hohhot-municipal", [
        ("彭志红", "女", "1972-10-10", "局长", "正处级", "县处级正职", HEAD),
        ("曾浩", "男", "1979-03-03", "副局长", "副处级", "县处级副职", MEMBER),
        ("肖玉兰", "女", "1986-09-09", "综合科科长", "正科级", "乡科级正职", STAFF)]),
    "unit:hh-education-bureau": ("呼和浩特市教育局", "org:hohhot-municipal", [
        ("田刚", "男", "1970-01-21", "局长", "正处级", "县处级正职", HEAD),
        ("董娜", "女", "1981-05-15", "副局长", "副处级", "县处级副职", MEMBER),
        ("袁鑫", "男", "1989-12-12", "督导科副科长", "副科级", "乡科级副职", STAFF)]),
    "unit:hh-policy-research-office": ("中共呼和浩特市委政策研究室", "org:hohhot-municipal", [
        ("潘宁", "男", "1975-08-18", "主任", "正处级", "县处级正职", HEAD),
        ("于静", "女", "1983-02-27", "副主任", "副处级", "县处级副职", MEMBER)]),
    "unit:hh-xincheng-district": ("呼和浩特市新城区", "org:hohhot-municipal", [
        ("蒋涛", "男", "1968-11-05", "区委书记", "正处级", "县处级正职", HEAD),
        ("蔡艳", "女", "1977-04-23", "区长", "正处级", "县处级正职", MEMBER),
        ("余杰", "男", "1982-10-30", "副区长", "副处级", "县处级副职", MEMBER),
        ("杜芳", "女", "1987-06-06", "街道办事处主任", "正科级", "乡科级正职", BODY_HEAD)]),
}
# The cadre the demo walks through the lifecycle keeps the id the scenario reports about.
IDS = {"王建国": "cadre-bt-0001"}


def register_of(department: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    number = 0
    for unit, (unit_name, managing, cadres) in UNITS.items():
        if managing != department:
            continue
        prefix = "bt" if managing.endswith("baotou-municipal") else "hh"
        for name, gender, birth, post, rank, level, role in cadres:
            number += 1
            full_post = f"{unit_name}{post}" if name in IDS else post
            writer.writerow([IDS.get(name, f"cadre-{prefix}-{number + 100:04d}"), name, gender, birth,
                             full_post, unit, rank, level, managing, "", managing, "IM-2022", role,
                             "在职", "2023-01-01"])
    return out.getvalue().encode("utf-8")


def load_register(identification_url: str, issuer: DevIssuer, log: object = print) -> int:
    """Each municipal department imports its own cadres; re-running the demo changes nothing."""
    loaded = 0
    for department in sorted({managing for _, managing, _ in UNITS.values()}):
        headers = {**issuer.headers(principals.case_officer(department)), "content-type": "text/csv"}
        response = httpx.post(f"{identification_url}/register/imports", content=register_of(department),
                              params={"filename": f"{department}-干部名册.csv"}, headers=headers,
                              timeout=60)
        response.raise_for_status()
        loaded += int(response.json()["rows"])
    return loaded
