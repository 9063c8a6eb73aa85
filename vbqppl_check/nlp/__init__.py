"""Vietnamese language layer: normalisation (NFC, invisible characters, look-alike letters), legacy
encodings (TCVN3, VNI), the syllable grammar, corpus statistics, the spaCy gazetteer pipeline and
word segmentation. Heavy parts (spaCy, underthesea, the lexicon) are built lazily, once per process,
and only when a language rule asks for them."""
