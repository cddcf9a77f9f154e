import { render } from 'preact';
import { t } from '../shared/i18n';
import { Options } from './Options';

document.documentElement.lang = navigator.language;
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
