import { plural } from '../format';
import type { LocaleModule } from '../types';

/**
 * The parent's pages in English: the source every other locale translates (`Shape<typeof en>`).
 * Plain words for a reading age of about 9; "your child"; one job per sentence. A function takes
 * what the sentence needs and returns it whole, so each language orders its own words. `<b>…</b>`
 * marks the one word to show in bold (features/i18n/Rich.tsx); nothing else is markup.
 */
const messages = {
  language: {
    /** The language switch's label. */
    label: 'Language',
    /** What a screen reader hears after a switch. */
    changed: 'The page is now in English.',
    draftNotice: 'This page is a draft translation. It has not been checked yet. If anything is unclear, ask the nurse on the phone.',
  },
  advice: {
    loading: 'Loading advice…',
    notFoundHeading: 'Page not found',
    notFoundBody: 'We could not find this advice. Call 111 if you are worried.',
    failedHeading: 'Sorry, the advice did not load',
    failedBody: 'Check your signal and try again. Call 111 if you are worried.',
    call999: 'Call 999 if your child is very unwell or you think their life is at risk.',
    tryAgain: 'Try again',
    /** Shown when the advice in this language is not checked yet and the service sends English instead. */
    inEnglish: 'This advice is in English because the translation into your language has not been checked yet. If anything is unclear, ask the nurse or call 111.',
    /** The advice link asked for a language the service does not have yet (`?lang=cy`): said, not silently English. */
    languageUnavailable: 'This advice is not available in your language yet, so it is in English. If anything is unclear, ask the nurse or call 111. You can ask for an interpreter.',
    recapLoading: 'Loading what the nurse advised…',
    recapUnknown: 'We could not find the nurse’s advice for this link. Here is our general advice.',
    recapFailed: 'We could not load the nurse’s advice. Check your signal and reload this page. Here is our general advice.',
    recapHeading: 'What the nurse advised',
    recapChangedHeading: 'Your advice has changed',
    recapChangedWhen: (time: string, day: string) => `New advice from ${time} on ${day}. It replaces your earlier text message.`,
  },
  page: {
    joinHeader: 'NHS 111 video call',
    joinTitle: 'Video call – NHS 111',
    adviceHeader: 'NHS 111 advice for parents',
    adviceTitle: (topic: string) => `${topic} – NHS 111`,
    adviceTitleLoading: 'Advice – NHS 111',
    notFoundTitle: 'Page not found – NHS 111',
    notFoundHeading: 'Page not found',
    notFoundBody: 'Open the link from the text message again, or stay on the phone: the nurse can still help you.',
    call111: 'If you are not on the phone any more, call 111.',
    loading: 'Loading…',
  },
  /** Words several join screens share. */
  common: {
    /** Visually hidden, before an inset box. */
    information: 'Information: ',
    tryAgain: 'Try again',
    stayNurseHelps: 'Stay on the phone. The nurse can still help you.',
    stayWithoutVideo: 'Stay on the phone. The nurse can still help you without video.',
    nurseCallsBack: 'The nurse will call you back on this phone.',
    closePage: 'You can close this page.',
    /** When the child's name is not known. */
    yourChild: 'your child',
  },
  /** Before the tap on "Join video call". These words are the parent's consent to video (features/join/consent.ts). */
  intro: {
    nurse: 'A nurse',
    heading: (who: string, child: string) => `${who} from the NHS 111 children's team wants to see ${child} on video`,
    notRecorded: 'The video is not recorded.',
    canEnd: 'You can end the video at any time.',
    stayOnCall: 'Stay on the phone call for now.',
    why: (child: string) => `Your phone will ask to use the camera and microphone. This is so the nurse can see and hear ${child}.`,
    tapAllow: 'Tap <b>Allow</b>.',
    join: 'Join video call',
  },
  expired: {
    heading: 'This link has expired or has already been used',
    newLink: 'Stay on the phone. Ask the nurse to send you a new link.',
  },
  problem: {
    heading: 'Sorry, we could not connect',
  },
  outdated: {
    heading: 'This page needs to reload',
    reload: 'Reload the page',
  },
  camera: {
    heading: 'Allow the camera and microphone',
    body: 'Your phone is asking to use the camera and microphone. Tap <b>Allow</b>.',
  },
  cameraFailed: {
    blockedHeading: 'The camera is blocked',
    blockedBody: (child: string) => `The nurse needs to see and hear ${child}. Your phone has blocked the camera or microphone for this page.`,
    thenTryAgain: 'Then tap Try again.',
    noCameraHeading: 'We could not find a camera',
    noCameraBody: (child: string) => `The nurse needs to use your phone's camera and microphone to see and hear ${child}.`,
    closeOtherApps: 'Close other apps that use the camera, like the camera app or another video call. Then tap Try again.',
    insecureHeading: 'This link cannot use the camera',
    insecureBody: 'The camera only works when the web address starts with https. Ask the nurse to send you a new link.',
    unknownHeading: 'The camera did not start',
    unknownBody: 'The camera could not be started. Close other apps that use the camera, then tap Try again.',
    stillNotWorking: 'If it still does not work',
    otherWays: (child: string) => `The nurse can listen to ${child} without the camera, or carry on with the phone call.`,
    soundOnly: 'Join with sound only',
    stayOnPhone: 'Stay on the phone call instead',
    messagingApp:
      'If you opened the link from a messaging app (like WhatsApp), the camera may not work there. Ask the nurse to send a new link, then open it in Chrome or Safari.',
  },
  /** Where the phone's browser keeps this page's camera setting. Bold words are what the phone shows: use its words in the language. */
  permissions: {
    drawing: 'The icon to tap, to the left of the web address',
    allow: 'Set <b>Camera</b> and <b>Microphone</b> to <b>Allow</b>.',
    iosSafariTitle: 'On your iPhone (Safari)',
    iosSafariTapAa: 'Tap <b>aA</b> to the left of the web address.',
    iosSafariWebsiteSettings: 'Tap <b>Website Settings</b>.',
    iosAppTitle: (app: string) => `On your iPhone (${app})`,
    thisBrowser: 'this browser',
    yourBrowser: 'your browser',
    iosOpenSettings: 'Open the <b>Settings</b> app.',
    iosScrollToApp: (app: string) => `Scroll down and tap <b>${app}</b>.`,
    iosTurnOn: 'Turn on <b>Camera</b> and <b>Microphone</b>. Then come back to this page.',
    samsungTitle: 'On your phone (Samsung Internet)',
    firefoxTitle: 'On your phone (Firefox)',
    androidChromeTitle: 'On your Android phone (Chrome)',
    chromeTitle: 'In Chrome',
    otherTitle: 'In your browser',
    tapLock: 'Tap the lock icon to the left of the web address.',
    tapTune: 'Tap the small icon to the left of the web address, at the top of the screen.',
    tapPermissions: 'Tap <b>Permissions</b>.',
    firefoxBlocked: 'Find <b>Camera</b> and <b>Microphone</b> and tap <b>Blocked</b> to change them.',
    otherOpenSettings: 'Open the settings for this website (often the icon to the left of the web address).',
  },
  /** An app's own browser (WhatsApp, Facebook…) or one without video calls. `target` is "Safari", "Chrome" or `chromeOrSafari`. */
  browser: {
    headingInApp: (target: string) => `Open this link in ${target}`,
    headingUnsupported: (target: string) => `This browser cannot do video calls. Open this link in ${target}`,
    inApp: (app: string, target: string) => `You opened the link inside ${app}. The camera often does not work there. The link still works in ${target}.`,
    anApp: 'an app',
    unsupported: (target: string) => `The nurse needs to see your child on video, and this browser cannot do that. The link still works in ${target}.`,
    chromeOrSafari: 'Chrome or Safari',
    openInChrome: 'Open in Chrome',
    onIphone: 'On your iPhone',
    onAndroid: 'On your Android phone',
    howTo: 'How to do it',
    iosShare: 'Tap the <b>…</b> or <b>share</b> button (at the top or bottom of the screen).',
    iosOpenInSafari: 'Tap <b>Open in Safari</b> (or <b>Open in browser</b>).',
    androidMenu: 'Tap the <b>⋮</b> menu at the top right of the screen.',
    androidOpenInChrome: 'Tap <b>Open in Chrome</b> (or <b>Open in browser</b>).',
    copyIntro: (target: string) => `If you cannot find it, copy the link and paste it into ${target}:`,
    copyLink: 'Copy link',
    copied: 'Link copied. Now open Safari or Chrome and paste it into the address bar.',
    /** The link itself follows, on its own. */
    copyFailed: 'Your phone did not let us copy it. The link is:',
    tryAnyway: 'Try in this app anyway',
  },
  phoneOnly: {
    heading: 'You chose the phone call',
    body: 'Stay on the phone. The nurse will carry on helping you by phone.',
  },
  /** The waiting room. */
  waiting: {
    heading: 'Waiting for the nurse',
    /** `time` from `seconds` / `minutes` / `minutesAndSeconds`. */
    waited: (time: string) => `You have waited ${time}`,
    seconds: (n: number) => plural('en', n, { one: (k) => `${k} second`, other: (k) => `${k} seconds` }),
    minutes: (n: number) => plural('en', n, { one: (k) => `${k} minute`, other: (k) => `${k} minutes` }),
    minutesAndSeconds: (minutes: string, seconds: string) => `${minutes} ${seconds}`,
    prepareHeading: 'While you wait, get ready',
    light: 'Go somewhere with good light, or turn the big light on.',
    clothes: "Take off your child's clothes down to their vest.",
    glass: 'Have a clear glass and a torch near you.',
    thisIsYou: 'Stay on the phone call for now. This is you:',
    leave: 'Leave',
    leaveTitle: 'Leave the waiting room?',
    leaveYes: 'Yes, leave',
    leaveNo: 'No, keep waiting',
    leaveBody: 'The nurse will not be able to see you. You can come back without a new link.',
  },
  /** The pre-call check in the waiting room. */
  check: {
    heading: 'Checking your phone',
    microphone: 'Microphone',
    heard: 'The nurse will be able to hear you.',
    saySomething: 'Say something to check the nurse can hear you.',
    silent: 'We cannot hear anything. Check the microphone is not covered, then say something.',
    noCamera: 'No camera: the nurse will only hear you.',
    camera: 'Camera: this is what the nurse will see. Hold the phone so your child is in the picture.',
    connected: 'Connected to NHS 111.',
    connecting: 'Connecting to NHS 111…',
    unreachable: 'We cannot reach NHS 111. Move to where you have better signal, or turn Wi-Fi on or off. Stay on the phone call.',
  },
  /** The call itself: its state line, the controls, and what a dropped connection says. */
  call: {
    heading: 'Video call',
    connectingServer: 'Connecting to NHS 111…',
    letInShortly: 'The nurse will let you in shortly',
    connectingNurse: 'Connecting you to the nurse…',
    connectedWith: (name: string) => `You are on a video call with ${name}`,
    theNurseLower: 'the nurse',
    theNurse: 'The nurse',
    reconnecting: 'Reconnecting…',
    hasEnded: 'The video call has ended',
    notWorking: 'The video is not working',
    videoStopped: 'The video stopped. Trying to connect again…',
    signalLost: 'Your signal dropped. Trying to connect again…',
    yourCamera: 'Your camera',
    modeFull: 'Full video',
    modeLow: 'Use less data',
    modeAudio: 'Sound only',
    guestsLabel: 'Who else is in the call',
    interpreterJoined: (name: string) => `${name}, an interpreter, has joined to help you and the nurse understand each other.`,
    doctorJoined: (name: string) => `${name}, a children's doctor (paediatrician), has joined to help the nurse.`,
    hangUpHint: 'The nurse may ask you to hang up the phone call. You will still hear each other.',
    switchFailed: 'Could not switch camera.',
    tapToStart: 'Tap to start video',
    stalled: 'The video has not worked for 30 seconds.',
    keepTrying: 'Keep trying',
    continueByPhone: 'Continue by phone',
    controls: 'Call controls',
    mute: 'Mute',
    unmute: 'Unmute',
    turnCameraOn: 'Turn camera on',
    turnCameraOff: 'Turn camera off',
    cameraOn: 'Camera on',
    cameraOff: 'Camera off',
    switchCamera: 'Switch camera',
    swapViews: 'Swap views',
    quality: 'Quality',
    videoQuality: 'Video quality',
    end: 'End call',
    endTitle: 'End the video call?',
    endYes: 'Yes, end the call',
    stay: 'No, stay in the call',
    endBody: 'You can rejoin without a new link while the nurse is still on the call.',
    /** When the phone would not start the sound without a tap. */
    tapToPlay: 'Tap to start the video and sound',
  },
  /** Another person's picture in the call (features/call/PeerTile.tsx): their name, role, the connection in words, and what they turned off. */
  peer: {
    participant: (name: string, role: string) => `${name} · ${role}`,
    /** Before the connection's quality in words ("Connection: Good"). */
    connection: 'Connection',
    roles: { clinician: 'Clinician', parent: 'Parent', paediatrician: 'On-call paediatrician', interpreter: 'Interpreter' },
    video: (label: string) => `${label}: video`,
    quality: {
      good: 'Good',
      poor: 'Poor: video may freeze',
      audio_only: 'Audio only',
      paused: 'Video paused – not live',
      reconnecting: 'Reconnecting…',
      connecting: 'Connecting…',
    },
    notices: {
      audioOnlyPoor: (who: string) => `Audio only: ${who.toLowerCase()}'s connection is too weak for video`,
      audioOnlyChosen: (who: string) => `${who} chose audio only`,
      cameraOffAndMuted: (who: string) => `${who} turned their camera off and muted their microphone`,
      cameraOff: (who: string) => `${who} turned their camera off`,
      muted: (who: string) => `${who} muted their microphone`,
    },
  },
  /** After the call, or out of it. */
  ended: {
    heading: 'Video call ended',
    body: 'The video call has ended. Stay on the phone if the nurse is still talking to you.',
    leftHeading: 'You have left the video call',
    rejoin: 'Rejoin',
    movedHeading: 'This call is open in another tab or window',
    movedBody: 'The video is showing there now. To use this page instead, tap the button.',
    useThisTab: 'Use this tab',
    failedBody: 'Stay on the phone. The nurse will talk to you or call you back.',
    weakSignal: 'A weak signal can stop the video. Move closer to your Wi-Fi router, or turn off Wi-Fi to use mobile data. Then tap Try video again.',
    tryVideoAgain: 'Try video again',
  },
  /** The nurse's photo ask. */
  photo: {
    heading: 'The nurse would like a photo',
    /** The nurse's own words for what to photograph follow, in bold. */
    of: 'Of:',
    general: 'A still photo helps the nurse see your child more clearly.',
    rule: 'Never photograph private parts (the parts a swimsuit covers). The nurse will never ask for this.',
    willShow: 'This is what the photo will show:',
    cameraOff: 'Turn your camera on to take a photo.',
    sending: 'Sending the photo…',
    take: 'Take photo',
    otherCamera: 'Use the other camera',
    send: 'Send photo',
    again: 'Take again',
    dontSend: 'Don’t send',
    preview: 'Live view from your camera',
    still: 'The photo you took',
    sent: 'Photo sent to the nurse. It is not kept on your phone.',
    declined: 'You chose not to send a photo. The nurse has been told.',
    failed: 'The photo did not send. Try again.',
    failedNetwork: 'The photo did not send. Check you have signal or Wi-Fi, then try again.',
  },
  /** The nurse's other asks during the call, and the torch. */
  ask: {
    from: 'The nurse asks:',
    backCameraHeading: 'Show me with the back camera',
    backCameraBody: 'The nurse would like to see more clearly. The back camera is on the other side of your phone.',
    switchToBack: 'Switch to back camera',
    notNow: 'Not now',
    failed: 'That did not work. Try again.',
    torchOn: 'Turn torch on',
    torchOff: 'Turn torch off',
    torchFailedOn: 'The torch did not turn on.',
    torchFailedOff: 'The torch did not turn off.',
    /** The shared countdown of an examination (features/call/AskTimer.tsx). */
    timerLabel: 'Shared timer',
    timeUp: "Time's up",
    /** `shown` is where the count is drawn (large); `n` the count, for the plural. */
    secondsLeft: (n: number, shown: string) => plural('en', n, { other: () => `${shown} seconds left` }),
  },
  /** The guided examinations the nurse can ask for (features/join/examGuides.tsx has their drawings). */
  exam: {
    glass_test: {
      title: 'The glass test',
      instruction: 'Press the side of a clear glass firmly on the spots and show me if they fade under the glass.',
      ready: 'I have a glass',
    },
    breathing: {
      title: 'Breathing',
      instruction: "Take off your child's top so I can see their chest and tummy, then hold the phone still for 30 seconds.",
      ready: 'Start the 30 seconds',
    },
    capillary_refill: {
      title: 'Skin colour test',
      instruction: "Press one finger on the middle of your child's chest for 5 seconds, then let go and keep the camera on that spot.",
      ready: 'Start the 5 seconds',
      afterTime: 'Let go now and keep the camera on the spot.',
    },
    fontanelle: {
      title: 'The soft spot',
      instruction: 'Hold your baby upright and show me the soft spot on the top of their head.',
      ready: 'I am ready',
    },
    throat_torch: {
      title: 'The throat',
      instruction: 'Ask your child to open their mouth wide, shine a torch in, and point the camera at the back of the throat.',
      ready: 'I am ready',
    },
  },
  /**
   * A refusal in the parent's words, by its code (features/join/joinText.ts): the server's own
   * English `message` is never shown to a parent.
   */
  errors: {
    NETWORK: 'We could not connect. Check you have signal or Wi-Fi, then try again.',
    RATE_LIMITED: 'You have tried too many times. Wait a minute, then try again.',
    LINK_EXPIRED: 'This link has expired. Ask the nurse to send you a new link.',
    INTERNAL: 'Something went wrong at NHS 111. Wait a moment, then try again.',
    CALL_FULL: 'The video call is full. Stay on the phone: the nurse can still help you.',
    NOT_IN_CALL: 'You are not in the video call now. Wait for the nurse to let you in.',
    CALL_STATE_CONFLICT: 'The call has changed. Wait a moment, then try again.',
    PHOTO_NOT_REQUESTED: 'The nurse is not waiting for a photo any more.',
    PHOTO_TOO_LARGE: 'The photo is too large to send. Take it again.',
    PHOTO_TYPE_UNSUPPORTED: 'This kind of picture cannot be sent. Take the photo again.',
    PHOTO_UNREADABLE: 'The photo could not be read. Take it again.',
    /** Any other code. */
    generic: 'That did not work. Try again.',
  },
};

export type EnglishMessages = typeof messages;

const en: LocaleModule = { lang: 'en', reviewed: true, messages };
export default en;
