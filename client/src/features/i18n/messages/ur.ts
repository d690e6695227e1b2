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
