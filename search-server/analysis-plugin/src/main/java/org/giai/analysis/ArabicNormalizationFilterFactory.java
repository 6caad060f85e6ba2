package org.giai.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

@NamedComponent("giai_arabic_normalization")
public class ArabicNormalizationFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream input) {
        return new ArabicNormalizationFilter(input);
    }

    // A character-level mapping: also apply it to the terms of prefix, wildcard and fuzzy queries.
    @Override
    public TokenStream normalize(TokenStream input) {
        return create(input);
    }
}
