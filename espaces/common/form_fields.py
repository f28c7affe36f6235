"""Form fields for forms built at every request (issue SPEED)."""

import copy

from django import forms


class SharedChoiceField(forms.ChoiceField):
    """A ChoiceField whose copies share its list of choices.

    Django copies every field of a form for each instance (BaseForm.__init__) and, for a
    ChoiceField, its choices twice over (the field's, then the widget's, normalised again): on
    the mediators' desk, ten choice fields cost 0.15 ms a request. Choices are only ever replaced
    here (`form.fields[name].choices = …`, a new list), never changed in place, so the copies can
    share them; the rest is copied as Field.__deepcopy__ does."""

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        widget = copy.copy(self.widget)
        widget.attrs = self.widget.attrs.copy()
        result.widget = widget
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result
