"""The identification service layer: signals in, concerns opened and joined, determinations made.

One Application (one event store, one notification log) composed of the command groups in
`commands/`; each public method is load → call → save, one commit per command or message.
"""

from __future__ import annotations

from uuid import UUID

from services.identification.adapters.record_lists import ConcernList, SignalList
from services.identification.adapters.register_index import RegisterIndex
from services.identification.commands.base import IntakeResult, UnitOfWork
from services.identification.commands.concern_steps import ConcernSteps
from services.identification.commands.fault_tolerance import FaultToleranceCommands
from services.identification.commands.feeds import FeedCommands
from services.identification.commands.intake import IntakeCommands
from services.identification.commands.reforms import ReformCommands
from services.identification.commands.register import RegisterCommands
from services.identification.deadline_board import DeadlineBoard
from services.identification.domain.signal import Signal
from shared.reference.library import ReferenceLibrary

__all__ = ["Concerns", "IntakeResult"]


class Concerns(
    IntakeCommands, FeedCommands, ConcernSteps, FaultToleranceCommands, ReformCommands,
    RegisterCommands,
):
    name = "identification"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        # The shipped packs and calendar so the application works on its own; bootstrap gives it
        # the library of the configured directories.
        self.reference = ReferenceLibrary(self)
        self.deadlines = DeadlineBoard(self)
        self.register = RegisterIndex(self)
        self.concern_list = ConcernList(self)
        self.signal_list = SignalList(self)

    def get_signal(self, signal_id: UUID) -> Signal | None:
        return UnitOfWork(self).get(Signal, signal_id)
