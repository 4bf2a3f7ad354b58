/*
 * WEGO3 knowledge base search: one index per language (assets/search-index.json, made
 * by generator/search_index.py), loaded when the search box is first used.
 *
 * Bulgarian words change their endings (articles -ът/-та/-то/-те, plurals, adjective
 * forms), so the index holds stems, made at build time by the light stemmer of
 * generator/stemmer.py (Savoy 2007, Lucene's BulgarianStemmer; the S-stemmer for
 * English). Only the query is stemmed here, with the same rules (a test runs both over
 * every word of the pages), and matched against the index's stems: equal, by prefix and,
 * when nothing matches, within one or two typing mistakes.
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

  // Words that carry no subject: function words, and the words of a question or of a
  // sentence describing one's situation („къде мога да намеря…“, "how do I get…").
  var STOP = {
    bg: new Set(("и в във на за с със от по до да се че как какво е са към или не ли а но " +
      "къде кой коя кое кои кога защо колко какъв каква какви мога може можете искам търся " +
      "трябва има ми ме мен мой моя моят моето ни нас аз ти тя той те ние вие ще бих би съм сме " +
      "ако при след преди тук там нещо някой някъде много моля").split(" ")),
    en: new Set(("the a an of for to in on and or with how what is are by at as be it its from " +
      "where who whom which when why can could would should do does did i me my mine we our you your " +
      "she her he his they them there here need want get find looking please any some").split(" "))
  };

  // Bulgarian typed in Latin letters („шльокавица“): the official transliteration and the
  // keyboard habits (ж = j/zh, ш = sh/6, ч = ch/4, щ = sht/6t, я = ya/ia/q, ю = yu/iu,
  // ц = c/ts). Written here, not taken from a library: it runs on every keystroke, and the
  // habits are many-to-one, which no transliteration table covers. Letters whose Latin form
  // is ambiguous (ъ typed as a, u or y; ю as u) are left to the typo tolerance of match().
  var LATIN = [
    ["sht", "щ"], ["6t", "щ"], ["zh", "ж"], ["ch", "ч"], ["sh", "ш"], ["ts", "ц"], ["yu", "ю"], ["iu", "ю"],
    ["ya", "я"], ["ia", "я"], ["ja", "я"], ["ju", "ю"],
    ["a", "а"], ["b", "б"], ["v", "в"], ["w", "в"], ["g", "г"], ["d", "д"], ["e", "е"], ["j", "ж"], ["z", "з"],
    ["i", "и"], ["y", "й"], ["k", "к"], ["l", "л"], ["m", "м"], ["n", "н"], ["o", "о"], ["p", "п"], ["r", "р"],
    ["s", "с"], ["t", "т"], ["u", "у"], ["f", "ф"], ["h", "х"], ["x", "х"], ["c", "ц"], ["4", "ч"], ["6", "ш"],
    ["q", "я"]
  ];

  // A Latin word read as Bulgarian: every reading, since "ia" and "iu" are я and ю by habit
  // but и+а, и+у in many words (sotsialno), and "ts" is ц but т+с in detska. A final -ia is
  // -ия (the Transliteration Act), and so is each -ia before it while more than a letter
  // remains; counted in a loop (a call per -ia overflowed the stack on a pasted "iaiaia…").
  // At most 8 readings (3 ambiguous places).
  var AMBIGUOUS = { ia: "иа", iu: "иу", ts: "тс" };

  function cyrillic(word) {
    var ending = "";
    while (word.endsWith("ia") && word.length > 3) {
      word = word.slice(0, -2);
      ending += "ия";
    }
    var readings = [""], i = 0, choices = 0;
    while (i < word.length) {
      var rule = LATIN.find(function (pair) { return word.startsWith(pair[0], i); });
      if (!rule) {
        readings = readings.map(function (r) { return r + word[i]; });
        i += 1;
        continue;
      }
      var split = AMBIGUOUS[rule[0]];
      if (split && choices < 3) {
        choices += 1;
        readings = readings.flatMap(function (r) { return [r + rule[1], r + split]; });
      } else {
        readings = readings.map(function (r) { return r + rule[1]; });
      }
      i += rule[0].length;
    }
    return readings.map(function (reading) { return reading + ending; });
  }

  function isLatin(word) {
    return /^[a-z0-9]+$/.test(word) && /[a-z]/.test(word);
  }

  // Composed (NFC) first, as the index is: typed or pasted decomposed, „й“ is и and a
  // combining mark, which is not a letter and would cut the word in two.
  function tokens(text) {
    return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  // A query is searched by its first MAX_QUERY characters: the longest question people type
  // fits, and a pasted page costs no more than a question (every word is read in Latin
  // letters and compared with every word of the index). The box itself takes no more.
  var MAX_QUERY = 200;

  function queryWords(query) {
    return tokens(query.slice(0, MAX_QUERY));
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

  // data: {version: 2, lang, docs: [[url, title, kind, summary]], terms: [stem],
  // postings: [[doc, weight, doc, weight, …]]} — terms are stems already.
  function Index(data) {
    this.lang = data.lang;
    this.docs = data.docs;
    this.terms = data.terms;
    this.postings = data.postings;
    this.stem = { bg: stemBg, en: stemEn }[data.lang] || function (word) { return word; };  // as STEMMERS in stemmer.py
    this.stop = STOP[data.lang] || new Set();
    // How people ask (content/search/): [[said words], [the site's words]], in this language.
    this.synonyms = data.synonyms || [];
    this.titleWords = null; // for "Did you mean …?", made when first needed
  }

  // Index stems that match one query word, each with how well: same stem 1, a longer stem
  // beginning with the query's 0.8, the word being typed 0.7, near stem 0.6, a typing
  // mistake 0.5.
  Index.prototype.match = function (word, last) {
    var s = this.stem(word), out = new Map(), i, t;
    // The stemmer cuts a plural -ища to the root (жилища → жил) but a singular -ище only to
    // -ищ (жилище, жилището → жилищ): a singular query also finds the plural's stem.
    var plural = this.lang === "bg" && s.length >= 5 && s.endsWith("ищ") ? s.slice(0, -2) : "";
    for (i = 0; i < this.terms.length; i++) {
      t = this.terms[i];
      if (t === s || t === plural) out.set(i, 1);
      else if (s.length >= 3 && t.startsWith(s)) out.set(i, 0.8);
      else if (last && word.length >= 2 && t.startsWith(word)) out.set(i, 0.7);
      else if (t.length >= 4 && s.startsWith(t) && s.length - t.length <= 2) out.set(i, 0.6);
    }
    if (out.size === 0 && word.length >= 4) {
      var max = word.length >= 8 ? 2 : 1;
      for (i = 0; i < this.terms.length; i++) {
        if (within(this.terms[i], s, max)) out.set(i, 0.5);
      }
    }
    return out;
  };

  // The matches of one query word, scored against the pages: for a word typed in Latin
  // letters on the Bulgarian site, its Cyrillic reading counts as well.
  Index.prototype.scores = function (word, last, quality) {
    var self = this, scores = new Map();
    var readings = [word];
    if (self.lang === "bg" && isLatin(word)) readings = readings.concat(cyrillic(word));
    readings.forEach(function (reading) {
      self.match(reading, last).forEach(function (q, term) {
        var list = self.postings[term];
        var idf = Math.log(1 + self.docs.length / (list.length / 2));
        for (var k = 0; k < list.length; k += 2) {
          var score = quality * q * list[k + 1] * idf;
          if (!(scores.get(list[k]) >= score)) scores.set(list[k], score);
        }
      });
    });
    return scores;
  };

  // A query's words in groups: a phrase people use („правна помощ“, "phone line") is one
  // group whose score also counts the site's words for it; every other word is a group.
  Index.prototype.groups = function (words) {
    var self = this;
    var stems = words.map(function (w) {
      return (self.lang === "bg" && isLatin(w) ? cyrillic(w) : [w]).map(function (r) { return self.stem(r); });
    });
    var used = new Set(), groups = [];
    self.synonyms.forEach(function (entry) {
      entry[0].forEach(function (phrase) {
        var said = phrase.filter(function (w) { return !self.stop.has(w); }).map(self.stem);
        if (!said.length) return;
        var at = said.map(function (s) {
          return stems.findIndex(function (readings) { return readings.indexOf(s) >= 0; });
        });
        if (at.some(function (i) { return i < 0 || used.has(i); })) return;
        at.forEach(function (i) { used.add(i); });
        groups.push({ words: at.map(function (i) { return words[i]; }), also: entry[1] });
      });
    });
    words.forEach(function (word, i) { if (!used.has(i)) groups.push({ words: [word], also: [] }); });
    return groups;
  };

  Index.prototype.search = function (query) {
    var all = queryWords(query), self = this;
    var words = all.filter(function (w) { return !self.stop.has(w); });
    if (!words.length) words = all;
    var perGroup = [];
    self.groups(words).forEach(function (group) {
      var scores = new Map();
      function add(word, quality) {
        self.scores(word, word === words[words.length - 1], quality).forEach(function (score, doc) {
          if (!(scores.get(doc) >= score)) scores.set(doc, score);
        });
      }
      group.words.forEach(function (word) { add(word, 1); });
      group.also.forEach(function (phrase) { tokens(phrase).forEach(function (word) { if (!self.stop.has(word)) add(word, 0.9); }); });
      if (scores.size) perGroup.push(scores); // a word found nowhere does not empty the results
    });
    if (!perGroup.length) return [];
    var total = new Map(), hits = new Map();
    perGroup.forEach(function (scores) {
      scores.forEach(function (score, doc) {
        total.set(doc, (total.get(doc) || 0) + score);
        hits.set(doc, (hits.get(doc) || 0) + 1);
      });
    });
    // Pages that match every group first; among them, the best score first.
    return Array.from(total.keys())
      .map(function (doc) { return { doc: self.docs[doc], score: total.get(doc), all: hits.get(doc) === perGroup.length }; })
      .sort(function (a, b) { return (b.all - a.all) || (b.score - a.score); })
      .slice(0, 20);
  };

  // "Did you mean …?": the word of a page title closest to a query word that found nothing.
  Index.prototype.suggest = function (query) {
    var self = this;
    if (!self.titleWords) {
      self.titleWords = Array.from(new Set(self.docs.flatMap(function (d) { return tokens(d[1]); })))
        .filter(function (w) { return w.length >= 4; });
    }
    var changed = false;
    var words = queryWords(query).map(function (word) {
      if (self.stop.has(word) || word.length < 4) return word;
      var readings = self.lang === "bg" && isLatin(word) ? cyrillic(word) : [word];
      var best = self.titleWords.find(function (t) { return readings.indexOf(t) >= 0; }) ||
        self.titleWords.find(function (t) { return readings.some(function (r) { return within(t, r, 2); }); });
      if (best && best !== word) { changed = true; return best; }
      return word;
    });
    return changed ? words.join(" ") : "";
  };

  // --- the page --------------------------------------------------------------------------

  var form = document.querySelector("[data-kb-search]");
  if (!form) return;
  var input = form.querySelector("input");
  input.maxLength = MAX_QUERY; // a longer paste is cut where the search would cut it
  var panel = form.querySelector(".kb-search__results");
  var pageTarget = document.querySelector("[data-kb-search-page]");
  var loading = null, index = null;

  function load() {
    if (!loading) {
      loading = fetch(form.dataset.index)
        .then(function (response) { return response.json(); })
        .then(function (data) { index = new Index(data); return index; });
      loading.catch(function () { loading = null; }); // the next search asks again
    }
    return loading;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = element("a", null, text);
    a.href = href;
    return a;
  }

  // Nothing found: say so, and offer a spelling the titles use, the help lines, the measures.
  function renderNone(target, query, spelling) {
    var help = element("div", "kb-search__none");
    var suggestion = index && spelling ? index.suggest(query) : "";
    if (suggestion) {
      var p = element("p", "kb-search__suggest", form.dataset.didYouMean + " ");
      p.appendChild(link(form.dataset.root + "search/?q=" + encodeURIComponent(suggestion), suggestion));
      p.appendChild(document.createTextNode("?"));
      help.appendChild(p);
    }
    var list = element("ul", "kb-search__offers");
    var offers = [[form.dataset.helpUrl, form.dataset.helpLabel], [form.dataset.measuresUrl, form.dataset.measuresLabel]];
    offers.forEach(function (offer) {
      var item = element("li");
      item.appendChild(link(form.dataset.root + offer[0], offer[1]));
      list.appendChild(item);
    });
    help.appendChild(list);
    target.appendChild(help);
  }

  function render(target, query, results, spelling) {
    target.textContent = "";
    target.dataset.query = query;
    var count = results.length === 1 ? form.dataset.countOne : form.dataset.count.replace("{n}", results.length);
    target.appendChild(element("p", "kb-search__meta", results.length ? count : form.dataset.none));
    if (!results.length) { renderNone(target, query, spelling !== false); return; }
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
    }).catch(function (error) {
      // Whatever failed (the index did not load, a query no one foresaw), the results of an
      // earlier query never stay on screen: the panel says nothing was found for this one
      // and offers the help lines and the measures.
      if (input.value.trim() === query) render(target, query, [], false);
      console.error(error);
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
    // The language switcher keeps what was searched for: the same query, in the other
    // language's search page (its links are plain addresses, built without JavaScript).
    var carryQuery = function () {
      var query = input.value.trim();
      document.querySelectorAll(".kb-lang-switch__link").forEach(function (link) {
        var target = new URL(link.getAttribute("href"), window.location.href);
        if (query) target.searchParams.set("q", query); else target.searchParams.delete("q");
        link.setAttribute("href", target.pathname + target.search);
      });
    };
    input.addEventListener("input", carryQuery);
    carryQuery();
  }

  // For tests and the benchmark: the same code the page uses.
  window.kbSearch = { stemBg: stemBg, stemEn: stemEn, tokens: tokens, load: load, Index: Index, cyrillic: cyrillic };
})();
