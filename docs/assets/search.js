/*
 * WEGO3 knowledge base search: one index per language (assets/search-index.json, made
 * by generator/search_index.py), loaded when the search box is first used.
 *
 * Bulgarian words change their endings (articles -ът/-та/-то/-те, plurals, adjective
 * forms), so the query is stemmed with the same light stemmer that the index was made
 * with (Savoy 2007, Lucene's BulgarianStemmer; generator/stemmer.py — a test runs both
 * over the whole vocabulary), then matched against the index's words by stem, by word
 * prefix and, when nothing matches, by one or two typing mistakes.
 */
(function () {
  "use strict";

  // --- stemming (keep identical to generator/stemmer.py) ---------------------------------

  function ends(s, n, suffix) {
    return n >= suffix.length && s.slice(n - suffix.length, n).join("") === suffix;
  }

  function removeArticle(s, n) {
    if (n > 6 && ends(s, n, "ият")) return n - 3;
    if (n > 5 && (ends(s, n, "ът") || ends(s, n, "то") || ends(s, n, "те") || ends(s, n, "та") || ends(s, n, "ия"))) return n - 2;
    if (n > 4 && ends(s, n, "ят")) return n - 2;
    return n;
  }

  function removePlural(s, n) {
    if (n > 6) {
      if (ends(s, n, "овци")) return n - 3;
      if (ends(s, n, "ове")) return n - 3;
      if (ends(s, n, "еве")) { s[n - 3] = "й"; return n - 2; }
    }
    if (n > 5) {
      if (ends(s, n, "ища")) return n - 3;
      if (ends(s, n, "та")) return n - 2;
      if (ends(s, n, "ци")) { s[n - 2] = "к"; return n - 1; }
      if (ends(s, n, "зи")) { s[n - 2] = "г"; return n - 1; }
      if (s[n - 3] === "е" && s[n - 1] === "и") { s[n - 3] = "я"; return n - 1; }
    }
    if (n > 4) {
      if (ends(s, n, "си")) { s[n - 2] = "х"; return n - 1; }
      if (ends(s, n, "и")) return n - 1;
    }
    return n;
  }

  function stemBg(word) {
    var s = Array.from(word);
    var n = s.length;
    if (n < 4) return word;
    if (n > 5 && word.endsWith("ища")) return s.slice(0, n - 3).join("");
    n = removeArticle(s, n);
    n = removePlural(s, n);
    if (n > 3) {
      if (ends(s, n, "я")) n -= 1;
      if (ends(s, n, "а") || ends(s, n, "о") || ends(s, n, "е")) n -= 1;
    }
    if (n > 4 && ends(s, n, "ен")) { s[n - 2] = "н"; n -= 1; }
    if (n > 5 && s[n - 2] === "ъ") { s[n - 2] = s[n - 1]; n -= 1; }
    return s.slice(0, n).join("");
  }

  function stemEn(word) {
    if (word.length > 3 && word.endsWith("ies") && !word.endsWith("eies") && !word.endsWith("aies")) return word.slice(0, -3) + "y";
    if (word.length > 3 && word.endsWith("es") && !/(aes|ees|oes)$/.test(word)) return word.slice(0, -1);
    if (word.length > 2 && word.endsWith("s") && !/(us|ss)$/.test(word)) return word.slice(0, -1);
    return word;
  }

  var STOP = {
    bg: new Set("и в във на за с със от по до да се че как какво е са към или не ли а но".split(" ")),
    en: new Set("the a an of for to in on and or with how what is are by at as be it its from".split(" "))
  };

  function tokens(text) {
    return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  // Edit distance with an early exit once every cell exceeds `max`.
  function within(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return false;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < best) best = cur[j];
      }
      if (best > max) return false;
      prev = cur;
    }
    return prev[b.length] <= max;
  }

  // --- the index -------------------------------------------------------------------------

  function Index(data) {
    this.lang = data.lang;
    this.docs = data.docs;
    this.terms = data.terms;
    this.postings = data.postings;
    this.stem = data.lang === "bg" ? stemBg : stemEn;
    this.stems = this.terms.map(this.stem);
    this.stop = STOP[data.lang] || new Set();
  }

  // Index terms that match one query word, each with how well: same stem 1, prefix 0.8,
  // word being typed 0.7, near stem 0.6, a typing mistake 0.5.
  Index.prototype.match = function (word, last) {
    var s = this.stem(word), out = new Map(), i, t, ts;
    for (i = 0; i < this.terms.length; i++) {
      t = this.terms[i];
      ts = this.stems[i];
      if (ts === s || t === word) out.set(i, 1);
      else if (s.length >= 3 && (t.startsWith(s) || ts.startsWith(s))) out.set(i, 0.8);
      else if (last && word.length >= 2 && t.startsWith(word)) out.set(i, 0.7);
      else if (ts.length >= 4 && s.startsWith(ts) && s.length - ts.length <= 2) out.set(i, 0.6);
    }
    if (out.size === 0 && word.length >= 4) {
      var max = word.length >= 8 ? 2 : 1;
      for (i = 0; i < this.terms.length; i++) {
        if (within(this.terms[i], word, max) || within(this.stems[i], s, max)) out.set(i, 0.5);
      }
    }
    return out;
  };

  Index.prototype.search = function (query) {
    var all = tokens(query), self = this;
    var words = all.filter(function (w) { return !self.stop.has(w); });
    if (!words.length) words = all;
    var perWord = [];
    words.forEach(function (word, position) {
      var matched = self.match(word, position === words.length - 1);
      if (!matched.size) return; // a word found nowhere does not empty the results
      var scores = new Map();
      matched.forEach(function (quality, term) {
        var list = self.postings[term];
        var idf = Math.log(1 + self.docs.length / (list.length / 2));
        for (var k = 0; k < list.length; k += 2) {
          var score = quality * list[k + 1] * idf;
          if (!(scores.get(list[k]) >= score)) scores.set(list[k], score);
        }
      });
      perWord.push(scores);
    });
    if (!perWord.length) return [];
    var total = new Map(), hits = new Map();
    perWord.forEach(function (scores) {
      scores.forEach(function (score, doc) {
        total.set(doc, (total.get(doc) || 0) + score);
        hits.set(doc, (hits.get(doc) || 0) + 1);
      });
    });
    // Pages that match every word first; among them, the best score first.
    return Array.from(total.keys())
      .map(function (doc) { return { doc: self.docs[doc], score: total.get(doc), all: hits.get(doc) === perWord.length }; })
      .sort(function (a, b) { return (b.all - a.all) || (b.score - a.score); })
      .slice(0, 20);
  };

  // --- the page --------------------------------------------------------------------------

  var form = document.querySelector("[data-kb-search]");
  if (!form) return;
  var input = form.querySelector("input");
  var panel = form.querySelector(".kb-search__results");
  var pageTarget = document.querySelector("[data-kb-search-page]");
  var loading = null, index = null;

  function load() {
    if (!loading) {
      loading = fetch(form.dataset.index)
        .then(function (response) { return response.json(); })
        .then(function (data) { index = new Index(data); return index; });
    }
    return loading;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function render(target, query, results) {
    target.textContent = "";
    target.dataset.query = query;
    var count = results.length === 1 ? form.dataset.countOne : form.dataset.count.replace("{n}", results.length);
    target.appendChild(element("p", "kb-search__meta", results.length ? count : form.dataset.none));
    if (!results.length) return;
    var list = element("ol", "kb-search__list");
    results.forEach(function (result) {
      var item = element("li", "kb-search__item");
      var link = element("a", "kb-search__link");
      link.href = form.dataset.root + result.doc[0];
      link.appendChild(element("span", "kb-search__kind", result.doc[2]));
      link.appendChild(element("span", "kb-search__title", result.doc[1]));
      if (result.doc[3]) link.appendChild(element("span", "kb-search__summary", result.doc[3]));
      item.appendChild(link);
      list.appendChild(item);
    });
    target.appendChild(list);
  }

  function run() {
    var query = input.value.trim();
    var target = pageTarget || panel;
    if (!query) {
      panel.hidden = true;
      if (pageTarget) pageTarget.textContent = "";
      return;
    }
    if (!pageTarget) panel.hidden = false;
    if (!index) target.textContent = form.dataset.loading;
    load().then(function (ready) {
      if (input.value.trim() === query) render(target, query, ready.search(query));
    });
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var first = (pageTarget || panel).querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  form.addEventListener("submit", function (event) {
    if (pageTarget) { event.preventDefault(); run(); }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) panel.hidden = true;
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.hidden = true; input.focus(); }
  });

  if (pageTarget) {
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; run(); }
  }

  // For tests and the benchmark: the same code the page uses.
  window.kbSearch = { stemBg: stemBg, stemEn: stemEn, tokens: tokens, load: load };
})();
