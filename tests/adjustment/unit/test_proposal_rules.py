"""Pack methods, fixed outcomes and IM 24's natures, table-driven over IM-2022, LG-2020, WY-2019."""

from __future__ import annotations

import pytest

from services.adjustment.adapters.pack_rules import rules_of_pack
from services.adjustment.domain.errors import ProposalRefusedError
from services.adjustment.domain.proposal_rules import ProposalRules, check_proposal
from shared.policy import load_packs

PACKS = load_packs()


def rules(pack_id: str) -> ProposalRules:
    return rules_of_pack(PACKS.get(pack_id))


# pack, cited articles, method, nature, refusal fragment (None: accepted)
CASES = [
    # SPEC §5.2: only the pack's own methods
    ("IM-2022", ["art. 6(8)"], "removal", "punitive", None),
    ("IM-2022", ["art. 6(8)"], "demotion", "punitive", None),
    ("IM-2022", ["art. 6(8)"], "move_from_post", "considerate", "does not allow"),
    ("LG-2020", ["art. 7(1)"], "resignation_taking_responsibility", "punitive", None),
    ("LG-2020", ["art. 7(1)"], "transfer_to_rank_post", "considerate", "does not allow"),
    ("WY-2019", ["art. 12(1)"], "removal", "punitive", None),
    ("WY-2019", ["art. 12(1)"], "early_retirement", "considerate", "does not allow"),
    # the method's own nature must be the one declared
    ("IM-2022", ["art. 6(8)"], "removal", "considerate", "is punitive"),
    # IM 24: punitive problems get punitive measures; inability or health considerate ones
    ("IM-2022", ["art. 6(8)"], "lateral_move", "considerate", "IM 24"),
    ("IM-2022", ["art. 6(9)"], "lateral_move", "considerate", None),
    ("IM-2022", ["art. 6(19)"], "early_retirement", "considerate", None),
    ("IM-2022", ["art. 6(9)"], "removal", "punitive", "IM 24"),
    ("IM-2022", ["art. 6(9)", "art. 6(12)"], "demotion", "punitive", None),
    ("IM-2022", ["art. 6(9)", "art. 6(12)"], "lateral_move", "considerate", "IM 24"),
    ("LG-2020", ["art. 11"], "move_from_post", "considerate", None),
    # WY 13: an incompetent unit head is removed
    ("WY-2019", ["art. 13"], "removal", "punitive", None),
    ("WY-2019", ["art. 13"], "demotion", "punitive", "WY 13: removal"),
    ("WY-2019", ["art. 13"], "move_from_post", "considerate", "WY 13: removal"),
    # WY 9(3): bottom 10 four times -> non-leadership post; bottom 3 -> demotion or removal
    ("WY-2019", ["art. 9(3)1"], "change_to_non_leadership", "considerate", None),
    ("WY-2019", ["art. 9(3)1"], "removal", "punitive", "WY 9(3)1"),
    ("WY-2019", ["art. 9(3)2"], "demotion", "punitive", None),
    ("WY-2019", ["art. 9(3)2"], "removal", "punitive", None),
    ("WY-2019", ["art. 9(3)2"], "change_to_non_leadership", "considerate", "WY 9(3)2"),
    ("WY-2019", ["art. 9(3)2"], "demotion", "considerate", "is punitive"),
    # WY 9(3): both items cited together, the heavier (bottom 3: demotion or removal) governs
    ("WY-2019", ["art. 9(3)1", "art. 9(3)2"], "change_to_non_leadership", "considerate", "WY 9(3)2"),
    ("WY-2019", ["art. 9(3)2", "art. 9(3)1"], "change_to_non_leadership", "considerate", "heaviest"),
    ("WY-2019", ["art. 9(3)1", "art. 9(3)2"], "demotion", "punitive", None),
    ("WY-2019", ["art. 9(3)1", "art. 9(3)2"], "removal", "punitive", None),
    # WY 13 (removal) with WY 9(3)1 (non-leadership post): removal weighs more and governs
    ("WY-2019", ["art. 13", "art. 9(3)1"], "change_to_non_leadership", "considerate", "WY 13"),
    ("WY-2019", ["art. 13", "art. 9(3)1"], "removal", "punitive", None),
    # LG 8(8): one item, two branch outcomes; either stands (the branch is not on the citation)
    ("LG-2020", ["art. 8(8)"], "promotion_wait_extended_one_year", "considerate", None),
    ("LG-2020", ["art. 8(8)"], "dismissal_under_law", "considerate", None),
    # LG 8(5) fixes removal although the circumstance itself is considerate; LG 8(6) an outcome
    ("LG-2020", ["art. 8(5)"], "removal", "punitive", None),
    ("LG-2020", ["art. 8(5)"], "move_from_post", "considerate", "LG 8(5)"),
    ("LG-2020", ["art. 8(6)"], "end_appointment", "considerate", None),
    ("LG-2020", ["art. 8(6)"], "removal", "punitive", "end_appointment"),
    # a circumstance the pack does not have cannot be weighed
    ("IM-2022", ["art. 99"], "removal", "punitive", "has no circumstance"),
]


@pytest.mark.parametrize(("pack_id", "articles", "method", "nature", "refusal"), CASES)
def test_proposal_rules(
    pack_id: str, articles: list[str], method: str, nature: str, refusal: str | None
) -> None:
    cited = [{"pack_id": pack_id, "article": a} for a in articles]
    if refusal is None:
        check_proposal(rules(pack_id), cited, method, nature)
        return
    with pytest.raises(ProposalRefusedError) as error:
        check_proposal(rules(pack_id), cited, method, nature)
    assert refusal in str(error.value)


def test_every_pack_names_all_five_steps() -> None:
    for pack_id in ("IM-2022", "LG-2020", "WY-2019"):
        assert set(rules(pack_id).step_names) == {
            "verify_determine", "propose", "decide", "talk", "formalities"}
    assert rules("WY-2019").step_names["propose"] == "报批确认"
