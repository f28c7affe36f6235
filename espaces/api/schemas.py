"""Shared API schemas."""

from ninja import Schema


class Message(Schema):
    message: str


class SourceOut(Schema):
    title: str
    publisher: str
    url: str
    date: str | None
