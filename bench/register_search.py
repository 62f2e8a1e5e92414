"""`python -m bench.register_search [--cadres N]`: name search over a large cadre register.

A register of N cadres (default 100,000; realistic Chinese names across the demo organisation's
units) is imported over HTTP in files of 10,000 rows into a running identification service, as a
personnel department would; then searches are timed end to end over HTTP, token checked and the
results filtered by the caller's access: part of a name in Chinese, pinyin initials, and a name
within one unit. Prints the figures; a slow machine is not a failure, so nothing here asserts.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import sys
import time

import httpx

from bench.system import running_stack
from shared.runner.principals import MANAGING_UNIT, case_officer

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭"
            "曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖"
            "贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华平刚桂英建国"
         "志红文辉力斌宇浩凯鹏鑫波宁晨欣琳雪梅海峰建华立新春燕玉兰")
UNITS = [f"unit:bench-{n:03d}" for n in range(200)]
POSTS = [("局长", "正处级", "县处级正职"), ("副局长", "副处级", "县处级副职"),
         ("科长", "正科级", "乡科级正职"), ("副科长", "副科级", "乡科级副职"),
         ("主任", "正处级", "县处级正职")]
HEADER = ["干部编号", "姓名", "性别", "出生日期", "现任职务", "任职单位", "职级", "职务层次", "管理单位",
          "所属地区", "政策包", "角色", "状态", "任职日期"]
BATCH = 10_000


def names(count: int, rng: random.Random) -> list[str]:
    return [rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            for _ in range(count)]


def register_csv(start: int, chunk: list[str], rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for offset, name in enumerate(chunk):
        post, rank, level = rng.choice(POSTS)
        writer.writerow([f"bench-{start + offset:06d}", name, rng.choice("男女"),
                         f"{rng.randint(1965, 1990)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                         post, rng.choice(UNITS), rank, level, MANAGING_UNIT, MANAGING_UNIT, "IM-2022",
                         "一般干部", "在职", "2024-01-01"])
    return out.getvalue().encode("utf-8")


def timed(client: httpx.Client, queries: list[dict[str, str]]) -> tuple[float, float, float]:
    """Median and 95th percentile in ms, and the mean number of matches."""
    took, totals = [], []
    for params in queries:
        began = time.perf_counter()
        response = client.get("/register/cadres", params={**params, "size": "20"})
        took.append((time.perf_counter() - began) * 1000)
        response.raise_for_status()
        totals.append(response.json()["total"])
    took.sort()
    return statistics.median(took), took[int(len(took) * 0.95) - 1], statistics.mean(totals)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.register_search", description=__doc__)
    parser.add_argument("--cadres", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(20261202)
    everyone = names(args.cadres, rng)
    with running_stack() as stack:
        headers = stack.issuer.headers(case_officer())
        with httpx.Client(base_url=stack.urls["identification"], headers=headers, timeout=600) as client:
            began = time.perf_counter()
            for start in range(0, args.cadres, BATCH):
                body = register_csv(start, everyone[start:start + BATCH], rng)
                client.post("/register/imports", params={"filename": f"名册-{start}.csv"}, content=body,
                            headers={"content-type": "text/csv"}).raise_for_status()
            imported = time.perf_counter() - began
            began = time.perf_counter()
            total = client.get("/register/cadres", params={"size": "1"}).json()["total"]
            first = time.perf_counter() - began
            print(f"register of {total:,} cadres imported in {imported:.0f} s "
                  f"({total / imported:,.0f} rows/s); first search (index built) {first:.1f} s")
            picked = [rng.choice(everyone) for _ in range(args.queries)]
            from services.identification.adapters.register_index import initials_of

            for label, queries in (
                ("given name (Chinese, part of a name)", [{"q": n[1:]} for n in picked]),
                ("full name (Chinese)", [{"q": n} for n in picked]),
                ("pinyin initials", [{"q": initials_of(n)} for n in picked]),
                ("name within a unit", [{"q": n[:1], "unit": rng.choice(UNITS)} for n in picked]),
            ):
                median, p95, matches = timed(client, queries)
                print(f"  {label:<38} median {median:6.1f} ms   p95 {p95:6.1f} ms   "
                      f"mean matches {matches:,.0f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
