from django.dispatch import Signal

# Sent once after the control layer changed for some places (``pcodes``), so that records which
# store a derived controlling party can bring it up to date.
control_changed = Signal()
