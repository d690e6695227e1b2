import type { LocaleModule } from '../types';

/** Urdu, right to left. A draft translation (`reviewed: false`) until a professional translator and a clinician check it. */
const ur: LocaleModule = {
  lang: 'ur',
  reviewed: false,
  messages: {
    language: {
      label: 'زبان',
      changed: 'صفحہ اب اردو میں ہے۔',
      draftNotice: 'یہ ابتدائی ترجمہ ہے۔ اسے ابھی جانچا نہیں گیا۔ اگر کچھ واضح نہ ہو تو فون پر نرس سے پوچھیں۔',
    },
    advice: {
      loading: 'مشورہ لوڈ ہو رہا ہے…',
      notFoundHeading: 'صفحہ نہیں ملا',
      notFoundBody: 'ہمیں یہ مشورہ نہیں ملا۔ اگر آپ پریشان ہیں تو 111 پر کال کریں۔',
      failedHeading: 'معذرت، مشورہ لوڈ نہیں ہوا',
      failedBody: 'اپنا سگنل چیک کریں اور دوبارہ کوشش کریں۔ اگر آپ پریشان ہیں تو 111 پر کال کریں۔',
      call999: 'اگر آپ کا بچہ بہت بیمار ہے یا آپ کو لگتا ہے کہ اس کی جان خطرے میں ہے تو 999 پر کال کریں۔',
      tryAgain: 'دوبارہ کوشش کریں',
      inEnglish: 'یہ مشورہ انگریزی میں ہے کیونکہ اس کا اردو ترجمہ ابھی جانچا نہیں گیا۔ اگر کچھ واضح نہ ہو تو نرس سے پوچھیں یا 111 پر کال کریں۔',
      recapLoading: 'نرس کا مشورہ لوڈ ہو رہا ہے…',
      recapUnknown: 'ہمیں اس لنک کے لیے نرس کا مشورہ نہیں ملا۔ یہ ہمارا عمومی مشورہ ہے۔',
      recapFailed: 'ہم نرس کا مشورہ لوڈ نہیں کر سکے۔ اپنا سگنل چیک کریں اور صفحہ دوبارہ لوڈ کریں۔ یہ ہمارا عمومی مشورہ ہے۔',
      recapHeading: 'نرس نے کیا مشورہ دیا',
      recapChangedHeading: 'آپ کا مشورہ بدل گیا ہے',
      recapChangedWhen: (time, day) => `${day} کو ${time} بجے کا نیا مشورہ۔ یہ آپ کے پہلے والے ٹیکسٹ میسج کی جگہ لیتا ہے۔`,
    },
    page: {
      joinHeader: 'NHS 111 ویڈیو کال',
      joinTitle: 'ویڈیو کال – NHS 111',
      adviceHeader: 'والدین کے لیے NHS 111 کے مشورے',
      adviceTitle: (topic) => `${topic} – NHS 111`,
      adviceTitleLoading: 'مشورہ – NHS 111',
      notFoundTitle: 'صفحہ نہیں ملا – NHS 111',
      notFoundHeading: 'صفحہ نہیں ملا',
      notFoundBody: 'ٹیکسٹ میسج کا لنک دوبارہ کھولیں، یا فون پر رہیں: نرس اب بھی آپ کی مدد کر سکتی ہیں۔',
      call111: 'اگر آپ اب فون پر نہیں ہیں تو 111 پر کال کریں۔',
      loading: 'لوڈ ہو رہا ہے…',
    },
  },
};
export default ur;
