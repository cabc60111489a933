"""Events the domain's services announce, for whoever listens in the layers above (the
follow app tells its subscribers). Defined here, at the bottom, so that a service never
imports its listeners: it sends, and the listeners connect in their apps' ready().

Each is sent inside the service's transaction; a listener that mails does so with
transaction.on_commit, so that a rollback tells no one.
"""

from django.dispatch import Signal

# plan_version: an operational plan version the chief executives have approved.
plan_approved = Signal()
# report: an annual report the secretariat has accepted.
report_accepted = Signal()
# adoption: a member municipality has decided on a council decision.
member_decided = Signal()
