package org.giai.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

@NamedComponent("giai_persian_normalization")
public class PersianNormalizationFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream input) {
        return new PersianNormalizationFilter(input);
    }

    // A character-level mapping: also apply it to the terms of prefix, wildcard and fuzzy queries.
    @Override
    public TokenStream normalize(TokenStream input) {
        return create(input);
    }
}
