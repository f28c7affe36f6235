"""Prepared reads: an ORM query compiled once per process, database and shape, then run again
with new values (issue SPEED).

On the 2-core test machine Django builds and compiles a three-filter query in about 0.4 ms and
the database answers it in 0.03 ms: a team page of five queries spends 2 ms putting SQL
together. A prepared read keeps the selector's QuerySet as the one definition of the read (its
scoping included) and compiles it once with stand-in values; later calls put the real values in
the compiled parameters and run the SQL, then shape the rows as the QuerySet would have (model
instances with their select_related rows and annotations, dictionaries, tuples).

    @prepared_read(shape=("mediator",))
    def desk_sites(*, territory_id, user_id, mediator): ...  # returns a QuerySet

    desk_sites.rows(territory_id=1, user_id=4, mediator=True)    # list, compiled once
    desk_sites.count(...), desk_sites.first(...), desk_sites.rows(..., limit=20, offset=40)
    Paginator(desk_sites.sequence(...), 25)                       # count and pages prepared
    desk_sites(territory_id=1, ...)                               # the plain QuerySet

Rules for the function: values (ints, strings, dates, aware datetimes, lists of ints or
strings) only go to filters compared as they are (`=`, `<`, `__in`, …); whatever changes the
SQL itself (a role, a flag, None, a list's emptiness, a slice) is a `shape` argument. A value
the ORM transforms (`__icontains` wraps it in %…%, `__year` turns it into bounds) is refused
(PreparedReadError) the first time the read compiles, so the test suite catches it. With
settings.ESPACES_PREPARED_READS_CHECK (on in the test settings) every call also compiles the
QuerySet with the real values and must find the same SQL and parameters, which catches a read
whose SQL depends on something else than its shape; ESPACES_PREPARED_READS = False runs every
read through the ORM. An empty list goes through the ORM (an empty IN is no SQL at all)."""

import datetime as dt
import functools
import inspect
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.utils import timezone

# Stand-ins: values no real row holds, of the value's own type, told apart by their number.
_INT_BASE = 7_310_000_000_000_000
_STR_MARK = "\ue000"  # a private-use character: never typed, so never in a real parameter
_DATE_BASE = dt.date(1903, 1, 1)
_DATETIME_BASE = dt.datetime(1903, 1, 1, tzinfo=dt.UTC)
_MAX_SHAPES = 64  # compiled variants kept per read (list lengths, page offsets…)


class PreparedReadError(TypeError):
    """The read cannot be prepared as written (a value transformed, a shape hidden…)."""


def _stand_in(kind, number: int):
    if kind is int:
        return _INT_BASE + number
    if kind is str:
        return f"{_STR_MARK}{number}{_STR_MARK}"
    if kind is dt.datetime:
        return _DATETIME_BASE + dt.timedelta(seconds=number + 1)
    if kind is dt.date:
        return _DATE_BASE + dt.timedelta(days=number + 1)
    raise PreparedReadError(kind)


def _kind(name: str, value):
    """The signature of one value: its type, or (list, type, length)."""
    if isinstance(value, bool) or value is None:
        raise PreparedReadError(f"{name} : un booléen ou None change la requête (shape)")
    if isinstance(value, (list, tuple)):
        kinds = {_kind(name, item) for item in value}
        if len(kinds) > 1:
            raise PreparedReadError(f"{name} : liste de types mêlés")
        return (list, kinds.pop() if kinds else None, len(value))
    for kind in (dt.datetime, dt.date, int, str):  # datetime before date: a subclass
        if isinstance(value, kind):
            if kind is dt.datetime and timezone.is_naive(value) and settings.USE_TZ:
                raise PreparedReadError(f"{name} : date et heure sans fuseau")
            return kind
    raise PreparedReadError(f"{name} : type {type(value).__name__} non pris en charge")


# The ways a value can reach the compiled parameters, most common first.
_CONVERTERS = ("same", "datetime", "date", "text")


def _convert(connection, name: str, value):
    if name == "same":
        return value
    if name == "datetime":
        return connection.ops.adapt_datetimefield_value(value)
    if name == "date":
        return connection.ops.adapt_datefield_value(value)
    return str(value)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    # (position in params, value name, index in a list or None, converter name)
    slots: tuple
    iterable: type
    converters: tuple  # ((position in the row, (converter functions), expression), …)
    names: tuple  # the dictionaries' keys (values())
    model: object = None  # model instances: the model, its fields, populators, annotations
    init_list: tuple = ()
    fields_range: tuple = (0, 0)
    populators: tuple = ()
    annotation_col_map: tuple = ()


class PreparedRead:
    def __init__(self, build, shape: tuple[str, ...] = ()):
        self.build = build
        self.shape = tuple(shape)
        self._compiled: dict = {}
        self._lock = threading.Lock()
        functools.update_wrapper(self, build)
        parameters = inspect.signature(build).parameters
        self.value_names = tuple(name for name in parameters if name not in self.shape)
        self._argument_names = frozenset(self.value_names + self.shape)

    def __call__(self, **arguments):
        """The QuerySet itself, built with the real values."""
        return self.build(**arguments)

    # --- what callers use --------------------------------------------------------------------
    def rows(self, *, limit: int | None = None, offset: int = 0, **arguments) -> list:
        if offset and limit is None:
            raise PreparedReadError(f"{self.__name__} : un décalage sans limite")
        compiled, params, connection = self._prepare(arguments)
        if compiled is None:
            queryset = self.build(**arguments)
            if limit is not None:
                queryset = queryset[offset : offset + limit]
            elif offset:
                queryset = queryset[offset:]
            return list(queryset)
        sql = compiled.sql
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params = (*params, limit, offset)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            raw = cursor.fetchall()
        return self._shape_rows(compiled, raw, connection)

    def first(self, **arguments):
        """The first row in the read's own order (order the QuerySet: no implicit pk order)."""
        found = self.rows(limit=1, **arguments)
        return found[0] if found else None

    def sequence(self, *, counted_by=None, **arguments) -> "PreparedSequence":
        """The read as a sequence Django's Paginator can cut: count() and slices, each one
        query. `counted_by`: a lighter read of the same rows to count them (without the joins
        of the columns shown), given the arguments it takes."""
        return PreparedSequence(self, arguments, counted_by or self)

    def count(self, **arguments) -> int:
        """The number of rows, counted without the read's order (as QuerySet.count())."""
        compiled, params, connection = self._prepare(arguments, counting=True)
        if compiled is None:
            return self.build(**arguments).count()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({compiled.sql}) counted", params)
            return cursor.fetchone()[0]

    # --- compiling ---------------------------------------------------------------------------
    def _prepare(self, arguments: dict, counting: bool = False):
        """(compiled, parameters, connection), or (None, …) to run through the ORM."""
        missing = self._argument_names.difference(arguments)
        if missing:
            raise TypeError(f"{self.__name__} : arguments manquants {sorted(missing)}")
        values = {name: arguments[name] for name in self.value_names}
        kinds = tuple((name, _kind(name, values[name])) for name in self.value_names)
        if not getattr(settings, "ESPACES_PREPARED_READS", True) or any(
            isinstance(kind, tuple) and not kind[2] for _, kind in kinds
        ):
            return None, (), None  # an empty list is another query (or none at all)
        alias = router.db_for_read(self._model(arguments))
        connection = connections[alias]
        shape = tuple(arguments[name] for name in self.shape)
        key = (alias, connection.vendor, shape, kinds, counting)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compile(arguments, kinds, alias, connection, counting)
            with self._lock:
                if len(self._compiled) >= _MAX_SHAPES:
                    self._compiled.clear()
                self._compiled[key] = compiled
        params = list(compiled.params)
        for position, name, index, converter in compiled.slots:
            value = values[name] if index is None else values[name][index]
            params[position] = _convert(connection, converter, value)
        params = tuple(params)
        if getattr(settings, "ESPACES_PREPARED_READS_CHECK", False):
            self._check(arguments, alias, compiled.sql, params, counting)
        return compiled, params, connection

    def _model(self, arguments):
        model = getattr(self, "_model_class", None)
        if model is None:
            model = self._model_class = self.build(**arguments).model
        return model

    def _compile(self, arguments, kinds, alias, connection, counting) -> _Compiled:
        stand_ins, lookup, number = dict(arguments), {}, 0
        for name, kind in kinds:
            if isinstance(kind, tuple):
                items = []
                for index in range(kind[2]):
                    items.append(_stand_in(kind[1], number))
                    lookup[number] = (name, index)
                    number += 1
                stand_ins[name] = items
            else:
                stand_ins[name] = _stand_in(kind, number)
                lookup[number] = (name, None)
                number += 1
        queryset = self._queryset(stand_ins, counting)
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise PreparedReadError(f"{self.__name__} : prefetch_related non pris en charge")
        if queryset.query.is_sliced:
            raise PreparedReadError(f"{self.__name__} : découpez avec rows(limit=, offset=)")
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        # where each stand-in landed, and through which conversion
        forms = {}
        for name, index in lookup.values():
            stand_in = stand_ins[name] if index is None else stand_ins[name][index]
            for converter in _CONVERTERS:
                try:
                    converted = _convert(connection, converter, stand_in)
                    forms.setdefault(_hashable(converted), (name, index, converter))
                except (TypeError, ValueError, AttributeError):
                    continue
        slots = []
        for position, param in enumerate(params):
            match = forms.get(_hashable(param))
            if match is not None:
                slots.append((position, *match))
            elif _STR_MARK in str(param) or str(_INT_BASE)[:12] in str(param):
                raise PreparedReadError(
                    f"{self.__name__} : une valeur est transformée par la requête ({param!r})"
                )
        # a value may go unused in one shape (a coordinator's sites do not depend on the user)
        select = compiler.select[: compiler.col_count]
        if compiler.has_composite_fields([column for column, _, _ in select]):
            raise PreparedReadError(f"{self.__name__} : clé composite non prise en charge")
        converters = tuple(
            (position, tuple(convs), expression)
            for position, (convs, expression) in compiler.get_converters(
                [column for column, _, _ in select]
            ).items()
        )
        iterable = queryset._iterable_class
        common = {
            "sql": sql,
            "params": tuple(params),
            "slots": tuple(slots),
            "iterable": iterable,
            "converters": converters,
            "names": tuple(queryset.query.selected or ())
            or (
                *queryset.query.extra_select,
                *queryset.query.values_select,
                *queryset.query.annotation_select,
            ),
        }
        if iterable is ModelIterable:
            klass_info = compiler.klass_info
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            return _Compiled(
                **common,
                model=klass_info["model"],
                init_list=tuple(f[0].target.attname for f in compiler.select[start:end]),
                fields_range=(start, end),
                populators=tuple(get_related_populators(klass_info, compiler.select, alias)),
                annotation_col_map=tuple((compiler.annotation_col_map or {}).items()),
            )
        if iterable not in (ValuesIterable, ValuesListIterable, FlatValuesListIterable):
            raise PreparedReadError(f"{self.__name__} : {iterable.__name__} non pris en charge")
        return _Compiled(**common)

    def _queryset(self, arguments, counting):
        queryset = self.build(**arguments)
        if not counting:
            return queryset
        queryset = queryset.order_by()  # a count needs no sort…
        query = queryset.query
        if queryset._iterable_class is ModelIterable and not (query.distinct or query.annotations):
            queryset = queryset.values("pk")  # …nor the columns of whole rows
        return queryset

    def _check(self, arguments, alias, sql, params, counting):
        """The same SQL and parameters as the QuerySet built with the real values."""
        queryset = self._queryset(arguments, counting)
        expected_sql, expected = queryset.query.get_compiler(using=alias).as_sql()
        if (sql, params) != (expected_sql, tuple(expected)):
            raise PreparedReadError(
                f"{self.__name__} : la requête préparée diffère de l'ORM\n"
                f"{sql} {params}\n{expected_sql} {tuple(expected)}"
            )

    # --- rows --------------------------------------------------------------------------------
    def _shape_rows(self, compiled: _Compiled, raw, connection) -> list:
        if compiled.converters:
            converted = []
            for row in raw:
                row = list(row)
                for position, convs, expression in compiled.converters:
                    value = row[position]
                    for convert in convs:
                        value = convert(value, expression, connection)
                    row[position] = value
                converted.append(row)
            raw = converted
        iterable = compiled.iterable
        if iterable is ValuesIterable:
            names = compiled.names
            return [dict(zip(names, row, strict=False)) for row in raw]
        if iterable is ValuesListIterable:
            return [tuple(row) for row in raw]
        if iterable is FlatValuesListIterable:
            return [row[0] for row in raw]
        start, end = compiled.fields_range
        instances = []
        for row in raw:
            instance = compiled.model.from_db(connection.alias, compiled.init_list, row[start:end])
            for populator in compiled.populators:
                populator.populate(row, instance)
            for attribute, position in compiled.annotation_col_map:
                setattr(instance, attribute, row[position])
            instances.append(instance)
        return instances


class PreparedSequence:
    def __init__(self, read: PreparedRead, arguments: dict, counted_by: PreparedRead):
        self.read, self.arguments, self.counted_by = read, arguments, counted_by

    def count(self) -> int:
        names = self.counted_by.value_names + self.counted_by.shape
        return self.counted_by.count(**{name: self.arguments[name] for name in names})

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("PreparedSequence : tranches seulement")
        start = index.start or 0
        if index.stop is None:
            raise TypeError("PreparedSequence : une tranche sans fin")
        return self.read.rows(limit=max(index.stop - start, 0), offset=start, **self.arguments)


def _hashable(value):
    return (type(value).__name__, value) if not isinstance(value, (list, dict)) else None


def prepared_read(function=None, *, shape: tuple[str, ...] = ()):
    """Decorator: the function builds a QuerySet from keyword arguments (see the module)."""
    if function is None:
        return lambda f: PreparedRead(f, shape=shape)
    return PreparedRead(function, shape=shape)
