import type { LocaleModule } from '../types';

/** Arabic, right to left. A draft translation (`reviewed: false`) until a professional translator and a clinician check it. */
const ar: LocaleModule = {
  lang: 'ar',
  reviewed: false,
  messages: {
    language: {
      label: 'اللغة',
      changed: 'الصفحة الآن باللغة العربية.',
      draftNotice: 'هذه ترجمة أولية لم تتم مراجعتها بعد. إذا كان أي شيء غير واضح، فاسأل الممرض على الهاتف.',
    },
    page: {
      joinHeader: 'مكالمة فيديو NHS 111',
      joinTitle: 'مكالمة فيديو – NHS 111',
      adviceHeader: 'نصائح NHS 111 للآباء والأمهات',
      adviceTitle: (topic) => `${topic} – NHS 111`,
      adviceTitleLoading: 'نصائح – NHS 111',
      notFoundTitle: 'الصفحة غير موجودة – NHS 111',
      notFoundHeading: 'الصفحة غير موجودة',
      notFoundBody: 'افتح الرابط من الرسالة النصية مرة أخرى، أو ابقَ على الهاتف: لا يزال بإمكان الممرض مساعدتك.',
      call111: 'إذا لم تعد على الهاتف، فاتصل بالرقم 111.',
      loading: 'جارٍ التحميل…',
    },
  },
};
export default ar;
