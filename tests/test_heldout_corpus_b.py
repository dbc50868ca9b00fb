"""The other half of the held-out corpora (see test_heldout_corpus.py, where they are listed and judged): a file of
its own so that the suite's workers share the corpora."""

import pytest

from test_heldout_corpus import (CORPORA, judged, test_archives_list_their_members_as_their_sidecars_say,  # noqa: F401
                                 test_extraction_never_accuses, test_recall_precision_and_field_accuracy)


@pytest.fixture(scope="module", params=sorted(CORPORA)[1::2])
def results(request):
    return judged(request)
