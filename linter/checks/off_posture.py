from .registry import Check


class OffPosture(Check):
    """## What it does
    Notes, once per draft and document, that the draft raises a topic whose public-affairs
    posture is respond-to-query only (RTQ).

    ## Why is this bad?
    An RTQ topic is answered when asked, not raised proactively.  Raising it in a speech or
    release may be fine, but it should be a decision, not an accident.

    ## Example
    A press release that volunteers the approved lines of an RTQ quick response.

    ## Use instead
    Drop the topic from the proactive draft, or confirm that the posture has changed.
    """

    id = "off-posture"
    severity = "info"
    summary = "The draft raises a topic whose posture is respond-to-query only."
