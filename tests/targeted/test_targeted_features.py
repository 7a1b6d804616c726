

def test_features_from_the_document_tokens_equal_features_of_the_sentences():
    """Portrayal reads the document's own tokens (no sentence is tokenised again); the
    features are those of each mention's sentences tokenised alone, quotation marks
    whose role differs in the document (a quotation closed in the next sentence)
    included."""
    from analysis.targeted.apply import toward_features
    from analysis.text import build

    text = ("‘Smith will win. You can’t stop Smith’, said Jones, a brilliant man.\n\n"
            "Critics said Jones was corrupt. “Jones lies,” Smith said. Smith’s aides left.")
    doc = build(text)
    spans = [(m.start(), m.end()) for m in __import__("re").finditer(r"Smith|Jones", text)]
    assert toward_features(text, spans, doc=doc) == toward_features(text, spans)
    closing = text.index("’,")
    assert [t.kind for t in doc.tokens if t.start == closing] == ["quote"]  # in the document
