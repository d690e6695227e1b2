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
    advice: {
      loading: 'جارٍ تحميل النصائح…',
      notFoundHeading: 'الصفحة غير موجودة',
      notFoundBody: 'لم نتمكن من العثور على هذه النصائح. اتصل بالرقم 111 إذا كنت قلقًا.',
      failedHeading: 'عذرًا، لم يتم تحميل النصائح',
      failedBody: 'تحقق من الإشارة وحاول مرة أخرى. اتصل بالرقم 111 إذا كنت قلقًا.',
      call999: 'اتصل بالرقم 999 إذا كان طفلك مريضًا جدًا أو تعتقد أن حياته في خطر.',
      tryAgain: 'حاول مرة أخرى',
      inEnglish: 'هذه النصائح باللغة الإنجليزية لأن ترجمتها العربية لم تتم مراجعتها بعد. إذا كان أي شيء غير واضح، فاسأل الممرض أو اتصل بالرقم 111.',
      recapLoading: 'جارٍ تحميل نصيحة الممرض…',
      recapUnknown: 'لم نعثر على نصيحة الممرض لهذا الرابط. إليك نصائحنا العامة.',
      recapFailed: 'لم نتمكن من تحميل نصيحة الممرض. تحقق من الإشارة وأعد تحميل الصفحة. إليك نصائحنا العامة.',
      recapHeading: 'ما نصح به الممرض',
      recapChangedHeading: 'تغيّرت النصيحة المقدمة لك',
      recapChangedWhen: (time, day) => `نصيحة جديدة بتاريخ ${day} الساعة ${time}. تحل محل رسالتك النصية السابقة.`,
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
