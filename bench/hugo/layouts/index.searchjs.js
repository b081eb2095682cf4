window.NV_SEARCH_INDEX = {{ partialCached "search-items.html" "search" | safeJS }};
