/*
 * The partners' editor: Decap CMS, configured from config.yml (made from the schema and the
 * content at every build, generator/editor.py), with three additions Decap cannot be told in its
 * configuration:
 *  - every collection reads and writes files in our YAML form (format.js): the schema line
 *    stays first, empty optional fields are left out, fields keep the schema's order;
 *  - a new record's file name is the official transliteration of its Bulgarian title
 *    (Decap's own slugs of Cyrillic titles are empty or Cyrillic);
 *  - empty values are pruned before saving, so nothing is saved as "";
 *  - a text box saves text, even where the file had a number (a bare 2022);
 *  - a period that ends before it starts is refused beside its end, as the validator does;
 *  - the interface's Bulgarian completed and corrected, and no media tab (records have no files).
 */
import { YAML } from "./vendor/yaml/index.js"; // the yaml package Decap itself uses (1.10)
import { fieldOrder, makeFormat, slugify } from "./format.js";

const CMS = window.CMS;
const SLUG = "slug"; // the hidden field whose value becomes the file name

// Decap's entry data is an Immutable.js value; these test it without importing Immutable.
const isMap = (v) => Boolean(v && (v["@@__IMMUTABLE_MAP__@@"] || (v["@@__IMMUTABLE_KEYED__@@"] && v["@@__IMMUTABLE_ORDERED__@@"])));
const isList = (v) => Boolean(v && v["@@__IMMUTABLE_LIST__@@"]);
const TEXT_KEYS = ["bg", "en", "draft"];

/** prune() of format.js, on Decap's Immutable data: empty optional values out. */
function pruneEntry(value) {
  if (isMap(value)) {
    let out = value;
    value.forEach((child, key) => {
      const kept = pruneEntry(child);
      out = kept === undefined ? out.delete(key) : out.set(key, kept);
    });
    if (out.size === 0) return undefined;
    const keys = [...out.keys()];
    if (keys.every((key) => TEXT_KEYS.includes(key))) {
      if (!out.get("bg") && !out.get("en")) return undefined;
      if (out.get("draft") === false) out = out.delete("draft");
    }
    return out;
  }
  if (isList(value)) {
    const items = value.map(pruneEntry).filter((item) => item !== undefined);
    return items.size ? items : undefined;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" && !value.trim()) return undefined;
  return value;
}

function registerFormats(config) {
  const seen = new Set();
  for (const collection of config.collections) {
    for (const entry of collection.files || [collection]) {
      const name = entry.format || collection.format;
      // One format per name: collections that share a name (practices of every region)
      // have the same fields, so the first one's field order serves them all.
      if (!name || !name.startsWith("wego3:") || seen.has(name)) continue;
      const [, kind, depth] = name.split(":");
      const order = fieldOrder(entry.fields);
      CMS.registerCustomFormat(name, "yaml", makeFormat(YAML, { kind, depth: Number(depth), order, drop: [SLUG] }));
      seen.add(name);
    }
  }
}

function titleField(config, collectionName) {
  const collection = config.collections.find((c) => c.name === collectionName);
  return collection && collection.identifier_field ? collection.identifier_field.split(".") : ["title", "bg"];
}

function onPreSave(config) {
  return ({ entry }) => {
    let data = entry.get("data");
    if (entry.get("newRecord")) {
      const title = data.getIn(titleField(config, entry.get("collection"))) || "";
      const slug = slugify(data.get(SLUG) || title);
      if (!slug) throw new Error("Въведете наименование на български: от него се образува адресът на страницата.");
      data = data.set(SLUG, slug);
    }
    return pruneEntry(data) || data.clear();
  };
}

// --- a date that may not be before another ---------------------------------------------------
// Decap checks each field by itself. The schema says which field of a group may not be before
// another (a period's end and its start, schema.Period.NOT_BEFORE), and the configuration gives
// that group the widget GROUP (an ordinary group, which its fields can find by its id) and the
// later field the widget NOT_BEFORE (an ordinary text box with an isValid()). Decap asks
// isValid() when the field is left and before saving, lists its message beside the field as it
// does its own, and saves nothing while a field has one.
const GROUP = "wego3-group";
const NOT_BEFORE = "wego3-not-before";
const GROUPS = new Map(); // a group's field id (its fields' last parent id) → its control

/** The first and the last month a year (2022: any month of it) or a month (2024-03) can mean,
 * as schema.py's _months; null for anything else (the pattern check speaks of that). */
function months(value) {
  const match = /^([0-9]{4})(?:-(0[1-9]|1[0-2]))?$/.exec(String(value ?? "").trim());
  if (!match) return null;
  const first = Number(match[1]) * 12 + (match[2] ? Number(match[2]) - 1 : 0);
  return [first, first + (match[2] ? 0 : 11)];
}

function registerOrderWidgets() {
  const object = CMS.getWidget("object");
  const string = CMS.getWidget("string");

  class GroupControl extends object.control {
    componentDidMount() {
      super.componentDidMount?.();
      GROUPS.set(this.props.forID, this);
    }

    componentWillUnmount() {
      GROUPS.delete(this.props.forID);
      super.componentWillUnmount?.();
    }

    // When the earlier date changes, a later one told it was before it is checked again, so
    // its message goes as soon as it is no longer true.
    componentDidUpdate(previous) {
      super.componentDidUpdate?.(previous);
      for (const widget of Object.values(this.childRefs)) {
        const rule = widget && widget.props.field.get("not_before");
        if (!rule || !(this.props.fieldsErrors && this.props.fieldsErrors.has(widget.props.uniqueFieldId))) continue;
        const other = rule.first();
        const before = previous.value && previous.value.get ? previous.value.get(other) : undefined;
        const now = this.props.value && this.props.value.get ? this.props.value.get(other) : undefined;
        if (before !== now) widget.validate();
      }
    }
  }

  class NotBeforeControl extends string.control {
    isValid = () => {
      const { field, parentIds = [], value } = this.props;
      const [other, message] = [field.get("not_before").first(), field.get("not_before").last()];
      const group = GROUPS.get(parentIds[parentIds.length - 1]);
      const earlier = months(group && group.props.value && group.props.value.get ? group.props.value.get(other) : undefined);
      const later = months(value);
      if (!earlier || !later || later[1] >= earlier[0]) return true;
      return { error: { type: "CUSTOM", parentIds, message: message.replace("{found}", String(value).trim()) } };
    };
  }

  CMS.registerWidget(GROUP, GroupControl, object.preview, object.schema);
  CMS.registerWidget(NOT_BEFORE, NotBeforeControl, string.preview, string.schema);
  // A text box saves text: a file's bare 2022 (a number to YAML readers, refused by the
  // validator) is saved as "2022".
  const asText = { serialize: (value) => (typeof value === "number" ? String(value) : value), deserialize: (value) => value };
  for (const name of ["string", NOT_BEFORE]) CMS.registerWidgetValueSerializer(name, asText);
}

// --- the interface in Bulgarian ------------------------------------------------------------
// Decap's Bulgarian (decap-cms-locales 3.x) misses phrases newer than it (they show in English),
// leaves English words and Latin letters in others, and breaks the workflow board's sentence
// ("-% {smart_count}": Polyglot fills only %{name}). Ours replace them; what Decap's has right is
// kept. Plural forms are split by "||||" (Polyglot's rule for "bg" is English's: 1, more).
// Dates are digits (Decap's dayjs knows no Bulgarian month names): 29.11.2026.
const BULGARIAN = {
  auth: {
    login: "Вход",
    loggingIn: "Влизане…",
    loginWithForgejo: "Вход с Forgejo",
    errors: { identitySettings: "Настройките за вход не са достъпни." },
  },
  app: {
    header: { content: "Съдържание", workflow: "Работен процес", media: "Файлове", quickAdd: "Нов запис" },
    app: {
      errorHeader: "Грешка при зареждането на настройките на формата",
      configErrors: "Грешки в настройките",
      checkConfigYml: "Проверете файла с настройките (config.yml).",
      loadingConfig: "Зареждане на настройките…",
      waitingBackend: "Свързване с хранилището…",
    },
    notFoundPage: { header: "Няма такава страница" },
  },
  collection: {
    sidebar: { collections: "Колекции", allCollections: "Всички колекции", searchAll: "Търсене навсякъде", searchIn: "Търсене в" },
    collectionTop: {
      sortBy: "Подреди по",
      viewAs: "Изглед",
      viewAsList: "Като списък",
      viewAsGrid: "Като карти",
      // A plain "+": the full-width "＋" of Decap's is an empty box in common fonts.
      newButton: "+ %{collectionLabel}",
      newButtonAriaLabel: "Нов запис: %{collectionLabel}",
      ascending: "Възходящо",
      descending: "Низходящо",
      searchResults: "Намерено за „%{searchTerm}“",
      searchResultsInCollection: "Намерено за „%{searchTerm}“ в „%{collection}“",
      filterBy: "Покажи само",
      groupBy: "Групирай по",
    },
    entries: {
      loadingEntries: "Зареждане на записите…",
      cachingEntries: "Зареждане на записите…",
      longerLoading: "Това може да отнеме няколко минути",
      noEntries: "Няма записи",
      unpublishedHeader: "Непубликувани записи",
    },
    groups: { other: "Други", negateLabel: "Без „%{label}“" },
    defaultFields: { author: { label: "Автор" }, updatedOn: { label: "Последна промяна" } },
  },
  editor: {
    // widgetLabel: a field's kind of widget ("string", "relation"), read to screen readers: not said
    editorControl: { field: { optional: "незадължително", widgetLabel: "Поле" } },
    editorControlPane: {
      widget: {
        required: "Полето „%{fieldLabel}“ е задължително.",
        regexPattern: "„%{fieldLabel}“ не е във вида, който се очаква: %{pattern}.",
        processing: "„%{fieldLabel}“ още се обработва.",
        range: "„%{fieldLabel}“ трябва да е между %{minValue} и %{maxValue}.",
        min: "„%{fieldLabel}“ трябва да е поне %{minValue}.",
        max: "„%{fieldLabel}“ трябва да е най-много %{maxValue}.",
        rangeCount: "„%{fieldLabel}“: от %{minCount} до %{maxCount} бр.",
        rangeCountExact: "„%{fieldLabel}“: точно %{count} елемента.",
        rangeMin: "„%{fieldLabel}“: поне %{minCount} бр.",
        rangeMax: "„%{fieldLabel}“: най-много %{maxCount} елемента.",
        minCount: "„%{fieldLabel}“: поне %{minCount} бр.",
        maxCount: "„%{fieldLabel}“: най-много %{maxCount} елемента.",
        invalidPath: "„%{path}“ не е допустим път",
        pathExists: "Пътят „%{path}“ вече съществува",
      },
      i18n: {
        writingInLocale: "Текст на другия език",
        copyFromLocale: "Попълни от другия език",
        copyFromLocaleConfirm: "Да се попълни ли от другия език?\nВсичко написано досега тук ще бъде заменено.",
      },
    },
    editor: {
      onLeavePage: "Да напуснете ли страницата? Незапазените промени ще се загубят.",
      onUpdatingWithUnsavedChanges: "Има незапазени промени: първо натиснете „Запази“, после сменете състоянието.",
      onPublishingNotReady: "Първо сменете състоянието на „Готово“.",
      onPublishingWithUnsavedChanges: "Има незапазени промени: първо натиснете „Запази“.",
      onPublishing: "Да се публикува ли записът?",
      onUnpublishing: "Да се свали ли записът от сайта?",
      onDeleteWithUnsavedChanges: "Да се изтрие ли публикуваният запис заедно с незапазените промени?",
      onDeletePublishedEntry: "Да се изтрие ли публикуваният запис?",
      onDeleteUnpublishedChangesWithUnsavedChanges:
        "Всички непубликувани промени в записа, включително незапазените, ще бъдат изтрити. Да продължа ли?",
      onDeleteUnpublishedChanges: "Всички непубликувани промени в записа ще бъдат изтрити. Да продължа ли?",
      loadingEntry: "Зареждане на записа…",
      confirmLoadBackup: "В браузъра има незапазено копие на този запис. Да го възстановя ли?",
    },
    editorInterface: {
      toggleI18n: "Покажи другия език",
      togglePreview: "Покажи/скрий изгледа",
      toggleScrollSync: "Превъртай заедно",
      toggleNotes: "Покажи/скрий бележките",
    },
    editorNotesPane: {
      title: "Бележки",
      emptyState: "Още няма бележки.",
      addNote: "Добави бележка",
      addPlaceholder: "Бележка…",
      editPlaceholder: "Поправете бележката…",
      save: "Запази",
      cancel: "Отказ",
      edit: "Поправи",
      delete: "Изтрий",
      resolve: "Отбележи като решена",
      unresolve: "Отвори отново",
      confirmDelete: "Да се изтрие ли бележката?",
      shortcut: "Ctrl+Enter добавя бележката",
    },
    editorToolbar: {
      publishing: "Публикуване…",
      publish: "Публикувай",
      published: "Публикуван",
      unpublish: "Свали от сайта",
      duplicate: "Копирай като нов",
      unpublishing: "Сваляне от сайта…",
      publishAndCreateNew: "Публикувай и започни нов",
      publishAndDuplicate: "Публикувай и копирай като нов",
      deleteUnpublishedChanges: "Изтрий непубликуваните промени",
      deleteUnpublishedEntry: "Изтрий непубликувания запис",
      deletePublishedEntry: "Изтрий публикувания запис",
      deleteEntry: "Изтрий записа",
      saving: "Запазване…",
      save: "Запази",
      statusInfoTooltipDraft: "Записът е чернова. Когато е готов, сменете състоянието на „За преглед“.",
      statusInfoTooltipInReview: "Записът чака преглед; можете да продължите да го поправяте.",
      deleting: "Изтриване…",
      updating: "Промяна…",
      status: "Състояние: %{status}",
      backCollection: "Обратно към „%{collectionLabel}“",
      unsavedChanges: "Има незапазени промени",
      changesSaved: "Промените са запазени",
      draft: "Чернова",
      inReview: "За преглед",
      ready: "Готово",
      publishNow: "Публикувай сега",
      deployPreviewPendingButtonLabel: "Проверката още тече — опитайте след малко",
      deployPreviewButtonLabel: "Вижте промените в сайта",
      deployButtonLabel: "Вижте в сайта",
    },
    editorWidgets: {
      markdown: {
        bold: "Получер",
        italic: "Курсив",
        strikethrough: "Зачертан",
        code: "Код",
        link: "Връзка",
        linkPrompt: "Адрес на връзката",
        headings: "Заглавия",
        quote: "Цитат",
        bulletedList: "Списък с точки",
        numberedList: "Номериран списък",
        addComponent: "Добави част",
        richText: "Оформен текст",
        markdown: "Изходен текст",
        toggleMode: { rich: "Към оформен текст", markdown: "Към изходен текст" },
      },
      image: {
        choose: "Избери изображение",
        chooseMultiple: "Избери изображения",
        chooseUrl: "Вмъкни от адрес",
        replaceUrl: "Замени с адрес",
        promptUrl: "Адрес на изображението",
        chooseDifferent: "Избери друго изображение",
        addMore: "Добави още изображения",
        remove: "Премахни изображението",
        removeAll: "Премахни всички изображения",
      },
      file: {
        choose: "Избери файл",
        chooseUrl: "Вмъкни от адрес",
        chooseMultiple: "Избери файлове",
        replaceUrl: "Замени с адрес",
        promptUrl: "Адрес на файла",
        chooseDifferent: "Избери друг файл",
        addMore: "Добави още файлове",
        remove: "Премахни файла",
        removeAll: "Премахни всички файлове",
      },
      unknownControl: { noControl: "Полето от вид „%{widget}“ не може да се покаже." },
      unknownPreview: { noPreview: "Полето от вид „%{widget}“ няма изглед." },
      headingOptions: {
        headingOne: "Заглавие 1",
        headingTwo: "Заглавие 2",
        headingThree: "Заглавие 3",
        headingFour: "Заглавие 4",
        headingFive: "Заглавие 5",
        headingSix: "Заглавие 6",
      },
      datetime: { now: "Сега", clear: "Изчисти", setToNow: "Днешна дата за „%{fieldLabel}“" },
      list: { add: "Добави: %{item}", addType: "Добави: %{item}" },
      object: { expand: "Разгъни", collapse: "Свий" },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: { draft: "Чернова", copy: "Копирай", copyUrl: "Копирай адреса", copyPath: "Копирай пътя", copyName: "Копирай името", copied: "Копирано" },
    mediaLibrary: {
      onDelete: "Да се изтрият ли избраните файлове?",
      fileTooLarge: "Файлът е твърде голям: разрешени са до %{size} KB.",
    },
    mediaLibraryModal: {
      loading: "Зареждане…",
      close: "Затвори",
      noResults: "Нищо не е намерено.",
      noAssetsFound: "Няма файлове.",
      noImagesFound: "Няма изображения.",
      private: "Частни ",
      images: "Изображения",
      mediaAssets: "Файлове",
      search: "Търсене…",
      uploading: "Качване…",
      upload: "Качи",
      download: "Изтегли",
      deleting: "Изтриване…",
      deleteSelected: "Изтрий избраните",
      chooseSelected: "Вмъкни избраните",
    },
  },
  ui: {
    default: { goBackToSite: "Обратно към сайта" },
    errorBoundary: {
      title: "Грешка",
      details: "Нещо се обърка — моля, ",
      reportIt: "съобщете на поддържащия екип.",
      detailsHeading: "Подробности",
      privacyWarning: "Съобщението съдържа текста на грешката. Проверете го и махнете всичко лично, преди да го изпратите.",
      recoveredEntry: {
        heading: "Възстановен запис",
        warning: "Копирайте този текст някъде, преди да напуснете страницата!",
        copyButtonLabel: "Копирай",
      },
    },
    settingsDropdown: { logOut: "Изход", account: "Профил" },
    toast: {
      onFailToLoadEntries: "Записът не се зареди: %{details}",
      onFailToLoadDeployPreview: "Изгледът не се зареди: %{details}",
      onFailToPersist: "Записът не е запазен: %{details}",
      onFailToDelete: "Записът не е изтрит: %{details}",
      onFailToUpdateStatus: "Състоянието не е сменено: %{details}",
      missingRequiredField: "Има непопълнено задължително поле. Попълнете го и запазете отново.",
      entrySaved: "Записът е запазен",
      entryPublished: "Записът е публикуван",
      entryUnpublished: "Записът е свален от сайта",
      onFailToPublishEntry: "Записът не е публикуван: %{details}",
      onFailToUnpublishEntry: "Записът не е свален от сайта: %{details}",
      entryUpdated: "Състоянието е сменено",
      onDeleteUnpublishedChanges: "Непубликуваните промени са изтрити",
      noteAdded: "Бележката е добавена",
      onFailToAddNote: "Бележката не е добавена: %{details}",
      noteUpdated: "Бележката е поправена",
      onFailToUpdateNote: "Бележката не е поправена: %{details}",
      noteDeleted: "Бележката е изтрита",
      onFailToDeleteNote: "Бележката не е изтрита: %{details}",
      noteResolved: "Бележката е отбелязана като решена",
      noteReopened: "Бележката е отворена отново",
      onFailToToggleNote: "Бележката не е променена: %{details}",
      onFailToAuth: "%{details}",
      onLoggedOut: "Излязохте. Запазете написаното някъде и влезте отново.",
      onBackendDown: "Хранилището не отговаря. Подробности: %{details}",
    },
  },
  workflow: {
    workflow: {
      loading: "Зареждане на непубликуваните записи",
      workflowHeading: "Работен процес",
      newPost: "Нов запис",
      description:
        "Чакат преглед: %{smart_count} запис; готови за публикуване: %{readyCount}. |||| Чакат преглед: %{smart_count} записа; готови за публикуване: %{readyCount}.",
      dateFormat: "DD.MM.YYYY",
    },
    workflowCard: {
      lastChange: "%{date}, %{author}",
      lastChangeNoAuthor: "%{date}",
      lastChangeNoDate: "%{author}",
      deleteChanges: "Изтрий промените",
      deleteNewEntry: "Изтрий новия запис",
      publishChanges: "Публикувай промените",
      publishNewEntry: "Публикувай новия запис",
    },
    workflowList: {
      onDeleteEntry: "Да се изтрие ли записът?",
      onPublishingNotReadyEntry: "Публикуват се само записи в колона „Готово“. Преместете картата там.",
      onPublishEntry: "Да се публикува ли записът?",
      draftHeader: "Чернови",
      inReviewHeader: "За преглед",
      readyHeader: "Готово",
      currentEntries: "%{smart_count} запис |||| %{smart_count} записа",
    },
  },
};

// Two labels for screen readers that Decap's libraries write in English, out of its locale's
// reach: react-select's "Remove <option>" on a chosen option's ✕, react-toastify's timer.
const LABELS = [
  [/^Remove (.+)$/s, "Премахни: $1"],
  [/^notification timer$/, "Оставащо време на съобщението"],
];

function relabel(element) {
  const label = element.getAttribute("aria-label");
  for (const [english, bulgarian] of LABELS) {
    if (english.test(label)) element.setAttribute("aria-label", label.replace(english, bulgarian));
  }
}

function relabelAlways() {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") relabel(record.target);
      for (const node of record.addedNodes || []) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.hasAttribute("aria-label")) relabel(node);
        node.querySelectorAll("[aria-label]").forEach(relabel);
      }
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"] });
}

// No preview link where nothing sets one: with show_preview_links off (`make editor`, whose
// saves have no pull request and whose preview is the pane) Decap still shows its "check for
// a preview" button after a save, and it would do nothing.
function hidePreviewLink() {
  const style = document.createElement("style");
  style.textContent = '[class*="-PreviewButtonContainer"] { display: none !important; }';
  document.head.append(style);
}

function merged(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === "object" ? merged(base[key] || {}, value) : value;
  }
  return out;
}

// --- the preview pane: the page as the site makes it -----------------------------------------
// `make editor` answers POST /preview with the record's page made by the site's own rules
// (generator/preview.py: the validator, the templates, Python-Markdown and the sanitiser),
// or with the validator's messages. Asked again when typing pauses; an older answer that
// arrives late is dropped. Only there is the pane on (config.editor.preview).
const PREVIEW = new URL("../preview", window.location.href).href;
const PAUSE_MS = 300;

function registerPreviews(config) {
  const h = window.h;
  const SitePreview = window.createClass({
    getInitialState() {
      return { html: "", problems: [], styles: [], failed: false };
    },
    componentDidMount() {
      this.asked = 0;
      this.ask();
    },
    componentDidUpdate(previous) {
      if (previous.entry !== this.props.entry) this.ask();
    },
    componentWillUnmount() {
      clearTimeout(this.timer);
      this.asked = -1;
    },
    ask() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.load(), PAUSE_MS);
    },
    async load() {
      const entry = this.props.entry;
      const question = ++this.asked;
      const data = pruneEntry(entry.get("data"));
      const body = { collection: entry.get("collection"), path: entry.get("path") || "", data: data ? data.toJS() : {} };
      try {
        const response = await fetch(PREVIEW, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(String(response.status));
        const said = await response.json();
        if (question === this.asked) this.setState({ ...said, failed: false });
      } catch (error) {
        if (question === this.asked) this.setState({ html: "", problems: [], failed: true });
      }
    },
    render() {
      const { html, problems, styles, failed } = this.state;
      const parts = styles.map((href) => h("link", { rel: "stylesheet", href, key: href }));
      if (failed) parts.push(h("p", { key: "failed", role: "alert" }, "Изгледът не може да се покаже: местният сървър не отговаря. Вижте съобщенията в терминала."));
      if (problems.length) {
        parts.push(
          h("div", { key: "problems", role: "alert", className: "wego3-preview-problems" },
            h("p", {}, "Страницата ще се покаже, когато записът няма грешки:"),
            h("ul", {}, problems.map((text) => h("li", { key: text }, text)))),
        );
      }
      if (html) parts.push(h("article", { key: "page", dangerouslySetInnerHTML: { __html: html } }));
      return h("div", { className: "md-typeset wego3-preview", style: { padding: "0.5rem 1.5rem 2rem" } }, parts);
    },
  });
  // by collection, or by file in a collection of files (one component serves them all)
  for (const collection of config.collections) {
    for (const entry of collection.files || [collection]) CMS.registerPreviewTemplate(entry.name, SitePreview);
  }
}

// --- no media ------------------------------------------------------------------------------
// Records have no pictures or files (no field of the schema holds one), so the form has no
// "Media" tab: the configuration names this library (media_library in generator/editor.py),
// which Decap asks whether to show its tab (enableStandalone) and which says no.
const NO_MEDIA = "wego3-no-media";

async function start() {
  CMS.registerLocale("bg", merged(CMS.getLocale("bg") || {}, BULGARIAN));
  CMS.registerMediaLibrary({ name: NO_MEDIA, init: () => ({ enableStandalone: () => false }) });
  relabelAlways();
  const response = await fetch("config.yml", { cache: "no-store" });
  const config = YAML.parse(await response.text());
  if (!config.show_preview_links) hidePreviewLink();
  registerFormats(config);
  registerOrderWidgets();
  if (config.editor && config.editor.preview) registerPreviews(config);
  CMS.registerEventListener({ name: "preSave", handler: onPreSave(config) });
  CMS.init({ config: { ...config, load_config_file: false } });
}

start();
